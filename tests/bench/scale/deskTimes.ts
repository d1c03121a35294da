/**
 * `node tests/bench/scale/deskTimes.ts CORPUS [--settle] [--lexicon-first]`:
 * how long each review desk request takes on the server alone, for a corpus
 * of the scale benchmark (the browser's share is what bench:scale adds on
 * top): the first of three runs and their median. With --settle, the
 * background pass that stores the claim groups' text reuse
 * (provenance/storedReuse.ts) runs first, as the app's refresher does after
 * opening, and its time is printed. With --lexicon-first, the matcher's
 * lexicon is loaded (and timed) before the first request, as the corpus
 * reader's warm-up does: the first requests' times then leave it out.
 */
import { openSession } from '../../../main/api/session.ts';
import type { Input, Method } from '../../../main/contract/contract.ts';
import { lexicon } from '../../../main/matching/lexicon/lexicon.ts';
import { storePendingOrigins } from '../../../main/provenance/storedReuse.ts';
import { median } from '../report.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: deskTimes.ts CORPUS [--settle] [--lexicon-first]');
const session = openSession({ dbPath: file, actor: 'bench' });
if (process.argv.includes('--lexicon-first')) {
  const started = performance.now();
  lexicon();
  console.log(`the matcher's lexicon loaded in ${(performance.now() - started).toFixed(0)} ms`);
}
if (process.argv.includes('--settle')) {
  const started = performance.now();
  const { settled } = storePendingOrigins(session.db);
  console.log(`background pass: the text reuse of ${settled} claim groups stored in ${(performance.now() - started).toFixed(0)} ms`);
}
const requests: Array<[Method, unknown]> = [
  ['review.groupsPage', { offset: 0, limit: 25 }],
  ['suggestions.page', { limit: 50 }],
  ['links.page', { offset: 0, limit: 200 }],
  ['speakers.list', {}],
  ['review.matrix', { offset: 0, limit: 25 }],
  ['review.matrix', { query: 'the', offset: 0, limit: 25 }],
  ['review.graph', { limit: 60 }],
];
try {
  for (const [method, input] of requests) {
    const times: number[] = [];
    // CPU time of this process as well: on a shared machine it varies far less with the load than the wall clock.
    const cpu: number[] = [];
    let size = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const output = session.handlers[method](input as never as Input<typeof method> as never);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      size = JSON.stringify(output).length;
    }
    console.log(
      `${method} ${JSON.stringify(input)}: first ${times[0]!.toFixed(1)} ms, ${median(times).toFixed(1)} ms median of 3 (CPU: first ${cpu[0]!.toFixed(0)} ms, median ${median(cpu).toFixed(0)} ms), ${(size / 1024).toFixed(0)} KiB`,
    );
  }
} finally {
  session.close();
}
