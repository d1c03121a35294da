/**
 * A team of devices for sync tests: real SQLite corpora in temporary folders, each
 * with its analyst, synced over HTTP with a hub on a real PostgreSQL, plus a seeded
 * generator of the offline edits an analyst makes (including edits of shared
 * annotations that collide with a colleague's).
 */
import { CrosscheckError } from '../../main/contract/errors.ts';
import { createHandlers, type Handlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { openDeviceLog } from '../../main/sync/corpusDeviceLog.ts';
import { parseHubAddress } from '../../main/sync/hubAddress.ts';
import { HubClient } from '../../main/sync/hubClient.ts';
import { syncWithHub, type SyncReport } from '../../main/sync/syncWithHub.ts';
import { seededRandom } from '../bench/random.ts';
import type { TestHub } from './hubFixture.ts';
import { tempCorpus } from './tempCorpus.ts';

export interface Device {
  analyst: string;
  db: Db;
  path: string;
  api: Handlers;
  sync(): Promise<SyncReport>;
}

export function makeDevice(hub: TestHub, analyst: string): Device {
  const { db, path } = tempCorpus();
  // These devices check what sync converges to, not the disk: without a flush to disk on every
  // commit (as the hub's test PostgreSQL runs with fsync off), the three-device case's 30,000 local
  // edits wait on the disk 30,000 times less. A device killed mid-sync is tested in tests/cli/syncCrash.test.ts.
  db.pragma('synchronous = NORMAL');
  const client = new HubClient(parseHubAddress(hub.url), hub.tokens[analyst]!);
  return { analyst, db, path, api: createHandlers({ db, actor: analyst }), sync: () => syncWithHub(openDeviceLog(db, analyst), client, { retryDelayMs: 50 }) };
}

const WORDS = [
  'officials',
  'said',
  'the',
  'ministry',
  'denied',
  'reports',
  'that',
  'troops',
  'were',
  'moved',
  'near',
  'border',
  'according',
  'to',
  'sources',
  'spokesman',
  'claimed',
  'attack',
  'was',
  'not',
  'ordered',
];

/** An article text of its own for each seed: the tests must not lean on any one story. */
export function articleText(seed: number, words = 400): string {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]! + (i % 17 === 16 ? '.\n' : ''));
  return out.join(' ').replace(/ \n /g, '\n');
}

export function addArticles(device: Device, count: number, seed: number): number[] {
  return Array.from(
    { length: count },
    (_, i) =>
      insertArticle(
        device.db,
        { text: articleText(seed + i), title: `Report ${seed + i}`, outlet: 'Wire', url: null, published: null, fileName: null },
        device.analyst,
      ).articleId,
  );
}

const TAGS = ['claim', 'denial', 'attribution'] as const;
const LINK_TYPES = ['same-claim', 'paraphrase', 'contradicts', 'denies', 'attributed-to', 'cites'] as const;

/**
 * `count` offline edits through the contract's handlers, as the app makes them: new spans, retags
 * and notes of any annotation the device has (its colleagues' included), deletions, links,
 * reviews and verdicts. Returns how many were carried out (a refused edit, such as a duplicate
 * link, is a normal outcome and is skipped).
 */
export function offlineEdits(device: Device, count: number, seed: number): number {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const articles = device.api['articles.list']({}) as Array<{ id: number; length: number }>;
  let done = 0;
  for (let i = 0; i < count; i++) {
    const annotations = device.db.prepare('SELECT id FROM annotations ORDER BY id').pluck().all() as number[];
    const links = device.db.prepare('SELECT id FROM links ORDER BY id').pluck().all() as number[];
    const roll = random();
    try {
      if (roll < 0.35 || annotations.length < 2) {
        const article = pick(articles);
        const start = Math.floor(random() * (article.length - 60));
        device.api['annotations.create']({ articleId: article.id, start, end: start + 5 + Math.floor(random() * 50), tag: pick(TAGS) });
      } else if (roll < 0.55) device.api['annotations.update']({ id: pick(annotations), tag: pick(TAGS) });
      else if (roll < 0.65) device.api['annotations.update']({ id: pick(annotations), note: `${device.analyst} ${i}` });
      else if (roll < 0.72) device.api['annotations.delete']({ id: pick(annotations) });
      else if (roll < 0.85) device.api['links.create']({ fromId: pick(annotations), toId: pick(annotations), type: pick(LINK_TYPES) });
      else if (roll < 0.93 && links.length > 0) device.api['links.review']({ id: pick(links), status: random() < 0.5 ? 'confirmed' : 'rejected' });
      else
        device.api['claimRatings.set']({
          annotationId: pick(annotations),
          ratingValue: 1 + Math.floor(random() * 5),
          alternateName: pick(['False', 'Misleading', 'True']),
        });
      done++;
    } catch (error) {
      if (!(error instanceof CrosscheckError)) throw error;
    }
  }
  return done;
}

/** Syncs every device in the order given, as many rounds as it takes for a round to move nothing. */
export async function syncUntilQuiet(devices: Device[]): Promise<number> {
  for (let round = 1; round <= 5; round++) {
    let moved = 0;
    for (const device of devices) {
      const report = await device.sync();
      moved += report.pushed + report.applied;
    }
    if (moved === 0) return round;
  }
  throw new Error('sync did not settle in 5 rounds');
}
