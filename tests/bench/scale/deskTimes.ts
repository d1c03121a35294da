/**
 * `node tests/bench/scale/deskTimes.ts CORPUS`: how long each review desk
 * request takes on the server alone, for a corpus of the scale benchmark
 * (the browser's share is what bench:scale adds on top).
 */
import { openSession } from '../../../main/api/session.ts';
import type { Input, Method } from '../../../main/contract/contract.ts';
import { median } from '../report.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: deskTimes.ts CORPUS');
const session = openSession({ dbPath: file, actor: 'bench' });
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
    let size = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const output = session.handlers[method](input as never as Input<typeof method> as never);
      times.push(performance.now() - started);
      size = JSON.stringify(output).length;
    }
    console.log(`${method} ${JSON.stringify(input)}: ${median(times).toFixed(1)} ms median of 3, ${(size / 1024).toFixed(0)} KiB`);
  }
} finally {
  session.close();
}
