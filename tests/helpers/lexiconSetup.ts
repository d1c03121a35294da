import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_VERSION, writeLexicon } from '../../main/matching/lexicon/buildLexicon.ts';
import { lexiconFolder } from '../../main/matching/lexicon/lexicon.ts';

/**
 * Builds the matcher's lexicon once before any test, when a fresh clone has
 * none yet: generating it takes several seconds, more than one test may wait.
 */
export default function setup(): void {
  const folder = lexiconFolder();
  if (!existsSync(join(folder, `lexicon-v${LEXICON_VERSION}.json`)) || !existsSync(join(folder, `vectors-v${LEXICON_VERSION}.i8`))) writeLexicon(folder);
}
