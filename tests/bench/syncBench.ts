/**
 * `npm run bench:sync [-- --quick]`: the hub under a team's load, on a real PostgreSQL
 * (fsync on) and the hub running as its own process (`crosscheck hub serve`), as in
 * production minus the TLS proxy.
 *  - push throughput: 10 analysts push 100,000 operations each, concurrently, in
 *    batches of 1,000 (CROSSCHECK_SYNC_BENCH_OPS sets the count per analyst; --quick uses 2,000);
 *  - pull throughput: a new device pulls the whole log, then 10 devices at once;
 *  - change-to-other-device time: one device pushes one operation, another pulls
 *    it, repeated, while nothing else runs.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { addAnalyst } from '../../main/hub/analysts.ts';
import type { Operation } from '../../main/hub/envelope.ts';
import { migrateHub, openHubPool } from '../../main/hub/hubDatabase.ts';
import { parseHubAddress } from '../../main/sync/hubAddress.ts';
import { HubClient } from '../../main/sync/hubClient.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { spawnHub, type HubProcess } from '../helpers/hubProcess.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';
import { seededRandom } from './random.ts';

const quick = process.argv.includes('--quick');
const ANALYSTS = 10;
const OPS_PER_ANALYST = Number(process.env.CROSSCHECK_SYNC_BENCH_OPS ?? (quick ? 2_000 : 100_000));
const PUSH_BATCH = 1000;
const PULL_PAGE = 5000;
const LATENCY_ROUNDS = quick ? 10 : 30;

const random = seededRandom(12);
const TAGS = ['claim', 'denial', 'attribution'];
const KINDS = ['annotation.create', 'annotation.update', 'link.create', 'link.review', 'verdict.set'];

/** An operation the size of a real annotation edit (~300 bytes of JSON). */
function benchOperation(analyst: string, device: string, n: number): Operation {
  const start = Math.floor(random() * 5000);
  return {
    id: randomUUID(),
    analyst,
    device,
    kind: KINDS[n % KINDS.length]!,
    entity: randomUUID(),
    baseVersion: n % 3 === 0 ? null : randomUUID(),
    payload: {
      tag: TAGS[n % 3],
      start,
      end: start + 20 + Math.floor(random() * 200),
      note: n % 4 === 0 ? 'checked against the ministry statement' : null,
      article: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
  };
}

const postgres = await startPostgres({ durable: true });
let hub: HubProcess | undefined;
try {
  const databaseUrl = await postgres.createDatabase('bench');
  const admin = openHubPool(databaseUrl, { max: 2 });
  await migrateHub(admin);
  const clients: HubClient[] = [];
  hub = await spawnHub(databaseUrl);
  const address = parseHubAddress(hub.url);
  for (let a = 0; a < ANALYSTS; a++) clients.push(new HubClient(address, await addAnalyst(admin, `analyst${a}`)));

  // Push: every analyst at once, each batch waiting for the previous one's acknowledgement, as `crosscheck sync` does.
  const pushLatencies: number[] = [];
  let started = performance.now();
  await Promise.all(
    clients.map(async (client, a) => {
      const device = randomUUID();
      for (let first = 0; first < OPS_PER_ANALYST; first += PUSH_BATCH) {
        const batch = Array.from({ length: Math.min(PUSH_BATCH, OPS_PER_ANALYST - first) }, (_, i) => benchOperation(`analyst${a}`, device, first + i));
        const t0 = performance.now();
        const answer = await client.push(batch);
        pushLatencies.push(performance.now() - t0);
        if (answer.accepted !== batch.length) throw new Error(`push accepted ${answer.accepted} of ${batch.length}`);
      }
    }),
  );
  const pushSeconds = (performance.now() - started) / 1000;
  const total = ANALYSTS * OPS_PER_ANALYST;

  async function pullAll(client: HubClient): Promise<number> {
    let cursor = 0;
    let count = 0;
    for (;;) {
      const page = await client.pull(cursor, PULL_PAGE);
      count += page.operations.length;
      cursor = page.lastSeq;
      if (!page.more) return count;
    }
  }
  started = performance.now();
  const pulledByOne = await pullAll(clients[0]!);
  const pullOneSeconds = (performance.now() - started) / 1000;
  if (pulledByOne !== total) throw new Error(`pulled ${pulledByOne} of ${total}`);
  started = performance.now();
  const pulledByAll = await Promise.all(clients.map(pullAll));
  const pullAllSeconds = (performance.now() - started) / 1000;
  if (pulledByAll.some((n) => n !== total)) throw new Error('a concurrent pull came back short');

  // One change, one device to another: push, then the other device's pull from its cursor.
  const latencies: number[] = [];
  const [writer, reader] = [clients[1]!, clients[2]!];
  const writerDevice = randomUUID();
  let cursor = (await reader.me()).lastSeq;
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    const op = benchOperation('analyst1', writerDevice, round);
    const t0 = performance.now();
    await writer.push([op]);
    for (;;) {
      const page = await reader.pull(cursor, PULL_PAGE);
      cursor = page.lastSeq;
      if (page.operations.some((o) => o.id === op.id)) break;
    }
    latencies.push(performance.now() - t0);
  }
  const { rows } = await admin.query("SELECT pg_database_size('bench') AS bytes");
  await admin.end();

  const figures: Figure[] = [
    {
      name: `push throughput, ${ANALYSTS} analysts × ${OPS_PER_ANALYST} operations at once`,
      unit: 'per s',
      value: Math.round(total / pushSeconds),
      basis: 'total',
    },
    {
      name: `push of ${PUSH_BATCH} operations, acknowledged`,
      unit: 'ms',
      value: median(pushLatencies),
      basis: 'median',
      median: median(pushLatencies),
      p95: percentile(pushLatencies, 95),
      runs: pushLatencies.length,
    },
    { name: `pull throughput, one device, the whole log (${total} operations)`, unit: 'per s', value: Math.round(total / pullOneSeconds), basis: 'total' },
    { name: `pull throughput, ${ANALYSTS} devices at once`, unit: 'per s', value: Math.round((total * ANALYSTS) / pullAllSeconds), basis: 'total' },
    {
      name: 'change on one device to pulled by another (push + pull)',
      unit: 'ms',
      value: median(latencies),
      basis: 'median',
      median: median(latencies),
      p95: percentile(latencies, 95),
      runs: latencies.length,
    },
    { name: 'hub database size', unit: 'MB', value: Number(rows[0].bytes) / 1e6, basis: 'single' },
  ];
  reportFigures('bench:sync', figures, [
    `PostgreSQL with fsync on, hub as its own process on loopback, ${PUSH_BATCH} per push, ${PULL_PAGE} per pull page; push ${pushSeconds.toFixed(1)} s, pull ${pullOneSeconds.toFixed(1)} s (one) and ${pullAllSeconds.toFixed(1)} s (ten)`,
    'the change-to-other-device time is the transport alone; a device syncing every minute adds up to that interval',
    `load average at the end ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')} on ${navigator.hardwareConcurrency} cores (other work on the machine slows every figure)`,
  ]);
} finally {
  await hub?.stop();
  postgres.stop();
}
