import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { random } from '../helpers/claimGroupEdits.ts';
import { randomReuseEdit, reuseArticles } from '../helpers/reuseEdits.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
const TAGS = ['claim', 'denial', 'attribution'] as const;

/** One random edit by one analyst on their own device; refusals (a link that exists already…) are part of the game. */
function randomEdit(db: Db, analyst: string, next: () => number): void {
  const api = createHandlers({ db, actor: analyst });
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const annotations = api['annotations.list']({});
  const links = api['links.list']({});
  const roll = next();
  try {
    if (roll < 0.3 || annotations.length < 2) {
      const start = Math.floor(next() * 70) * 6;
      api['annotations.create']({ articleId: 1, start, end: start + 5 + Math.floor(next() * 20), tag: pick(TAGS)! });
    } else if (roll < 0.5) api['annotations.update']({ id: pick(annotations)!.id, tag: pick(TAGS)! });
    else if (roll < 0.6) api['annotations.delete']({ id: pick(annotations)!.id });
    else if (roll < 0.75) {
      const [a, b] = [pick(annotations)!, pick(annotations)!];
      if (a.id !== b.id) api['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    } else if (roll < 0.85 && links.length) api['links.review']({ id: pick(links)!.id, status: next() < 0.5 ? 'confirmed' : 'rejected' });
    else if (roll < 0.93) api['claimRatings.set']({ annotationId: pick(annotations)!.id, ratingValue: 1 + Math.floor(next() * 5), alternateName: 'Verdict' });
    else api['history.undo']({});
  } catch (error) {
    if (!['conflict', 'not_found', 'invalid_input'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/**
 * Three devices that start from the first one's articles, each editing offline and syncing at random;
 * after two full rounds of syncing they must hold identical corpora.
 */
function expectConvergence(seed: number, rounds: number, setUp: (db: Db) => void, edit: (db: Db, analyst: string, next: () => number) => void): void {
  const next = random(seed);
  const hub = new OrderingHub();
  const devices = ['ana', 'ben', 'cho'].map((analyst) => ({ analyst, db: tempCorpus().db }));
  setUp(devices[0]!.db);
  for (const d of devices) syncDevice(hub, d.db, d.analyst);
  for (let round = 0; round < rounds; round++) {
    const device = devices[Math.floor(next() * devices.length)]!;
    if (next() < 0.2) syncDevice(hub, device.db, device.analyst, { push: next() < 0.7, pull: next() < 0.7 });
    else edit(device.db, device.analyst, next);
  }
  for (let pass = 0; pass < 2; pass++) for (const d of devices) syncDevice(hub, d.db, d.analyst);
  const [first, ...rest] = devices.map((d) => logicalDump(d.db));
  for (const dump of rest) expect(dump).toEqual(first);
}

const sharedArticle = (db: Db) => {
  insertArticle(db, { text: TEXT, title: 'Shared', outlet: null, url: null, published: null, fileName: null }, 'ana');
};

describe('sync convergence', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`brings three devices editing offline, syncing in random order, to identical corpora (seed ${seed})`, () => {
      expectConvergence(seed, 120, sharedArticle, randomEdit);
    });
  }

  // Several articles, and deletes undone on one device while another links or reviews what was deleted: these seeds
  // once left a link alive on one device and gone on the others, in either order of the delete and the link.
  for (const seed of [21, 30, 35, 42, 47, 52, 63, 69, 71, 78]) {
    it(`brings devices to identical corpora when one undoes a delete another has built on meanwhile (seed ${seed})`, () => {
      expectConvergence(seed, 100, reuseArticles, randomReuseEdit);
    });
  }
});
