/**
 * The normalisation lives with the rows it protects (corpus/articleText.ts): the corpus
 * refuses text that is not normalised, and the corpus may not import ingest.
 */
export { isNormalised, normaliseText, sha256Hex } from '../corpus/articleText.ts';
