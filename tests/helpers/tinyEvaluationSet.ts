import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationSet } from '../../main/matching/evaluation.ts';
import { tempDir } from './tempCorpus.ts';

/**
 * A three-report story in a temporary folder, with its set file beside it, for
 * tests of the evaluation itself: one report repeats the wire's sentence word
 * for word, one says it in other words.
 */
export function tinyStory(sources: EvaluationSet['sources'], { dir = tempDir(), name = 'bridge' } = {}): { file: string; dir: string } {
  const corpus = join(dir, name);
  mkdirSync(corpus);
  writeFileSync(
    join(corpus, '01-wire.txt'),
    'Kestrel Bridge to reopen next week after repairs\n\nRiverside Wire 12 May 2026\n\nThe mayor said the Kestrel Bridge will reopen on Monday after repairs costing 2 million.\n',
  );
  writeFileSync(
    join(corpus, '02-paper.txt'),
    'Kestrel Bridge repairs nearly done\n\nThe Valley Paper\n\nGood news for drivers. The mayor said the Kestrel Bridge will reopen on Monday after repairs costing 2 million. Shops nearby welcomed it.\n',
  );
  writeFileSync(
    join(corpus, '03-radio.txt'),
    'Drivers can cross again soon\n\nValley Radio\n\nTraffic is expected back over the river at the start of the week, once work on the crossing is finished, according to city hall.\n',
  );
  const file = join(dir, `${name}.eval.json`);
  writeFileSync(file, JSON.stringify({ description: 'tiny', corpus: name, sources }));
  return { file, dir };
}

export const REOPEN = 'the Kestrel Bridge will reopen on Monday after repairs costing 2 million';
export const reopenSource = (extra: Partial<EvaluationSet['sources'][number]> = {}): EvaluationSet['sources'][number] => ({
  id: 'reopen',
  file: '01-wire.txt',
  quote: REOPEN,
  tag: 'claim',
  expected: [
    { file: '02-paper.txt', quote: REOPEN, kind: 'near-verbatim' },
    { file: '03-radio.txt', quote: 'Traffic is expected back over the river at the start of the week', kind: 'paraphrase' },
  ],
  acceptable: [],
  ...extra,
});
