/**
 * What a shell needs to know about the corpus file before or without opening it: where it lives,
 * how many backups are kept, and how to put a held lock or a failed check into words. Small modules
 * only, so the CLI can name them in its --help without loading the domain.
 */
export { busyError } from '../corpus/busy.ts';
export { CORPUS_FILE_NAME, defaultCorpusPath } from '../corpus/location.ts';
export { describeIntegrity } from '../corpus/integrity.ts';
