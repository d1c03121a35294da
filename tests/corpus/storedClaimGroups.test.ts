import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { deleteArticle } from '../../main/corpus/articleDeletion.ts';
import { claimGroupCount, claimGroupDrift, claimGroupIdPage, claimGroupIds, claimGroupMemberIds, claimGroupOf } from '../../main/corpus/claimGroups.ts';
import type { Db } from '../../main/corpus/database.ts';
import { storedClaimGroups } from '../../main/corpus/migrations/019_stored_claim_groups.ts';
import { OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
const TAGS = ['claim', 'denial', 'attribution'] as const;
const TYPES = ['same-claim', 'paraphrase', 'contradicts'] as const;

/** mulberry32: a failing seed can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function article(db: Db, title = 'One') {
  return insertArticle(db, { text: TEXT, title, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
}

function spans(db: Db, articleId: number, count: number): number[] {
  const api = createHandlers({ db, actor: 'ana' });
  return Array.from({ length: count }, (_, i) => api['annotations.create']({ articleId, start: i * 7, end: i * 7 + 5, tag: 'claim' }).id);
}

/** One random edit through the contract's handlers; refusals (a link that exists already, an undo with nothing to undo) are part of the game. */
function randomEdit(db: Db, analyst: string, next: () => number): void {
  const api = createHandlers({ db, actor: analyst });
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const annotations = api['annotations.list']({});
  const links = api['links.list']({});
  const roll = next();
  try {
    if (roll < 0.2 || annotations.length < 2) {
      const start = Math.floor(next() * 70) * 6;
      api['annotations.create']({ articleId: 1, start, end: start + 5, tag: pick(TAGS)! });
    } else if (roll < 0.3) api['annotations.delete']({ id: pick(annotations)!.id });
    else if (roll < 0.65) {
      const [a, b] = [pick(annotations)!, pick(annotations)!];
      if (a.id !== b.id) api['links.create']({ fromId: a.id, toId: b.id, type: pick(TYPES)!, status: next() < 0.8 ? 'confirmed' : 'suggested' });
    } else if (roll < 0.8 && links.length) api['links.review']({ id: pick(links)!.id, status: next() < 0.5 ? 'confirmed' : 'rejected' });
    else if (roll < 0.9) api['history.undo']({});
    else api['history.redo']({});
  } catch (error) {
    if (!['conflict', 'not_found', 'invalid_input'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

describe('stored claim groups', () => {
  it('name each group by its smallest member and join two groups when a link bridges them', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c, d, e] = spans(db, article(db), 5) as [number, number, number, number, number];
    api['links.create']({ fromId: d, toId: e, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: c, type: 'paraphrase' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [b]: b, [c]: b, [d]: d, [e]: d });
    api['links.create']({ fromId: e, toId: c, type: 'same-claim' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [b]: b, [c]: b, [d]: b, [e]: b });
    expect(claimGroupOf(db, a)).toBeNull();
    expect(claimGroupMemberIds(db, b)).toEqual([b, c, d, e]);
    expect(claimGroupCount(db)).toBe(1);
  });

  it('split a group in two when the link holding it together is rejected, each part named by its smallest member', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c, d] = spans(db, article(db), 4) as [number, number, number, number];
    api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    const bridge = api['links.create']({ fromId: b, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: c, toId: d, type: 'paraphrase' });
    expect(claimGroupCount(db)).toBe(1);
    api['links.review']({ id: bridge.id, status: 'rejected' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: c, [d]: c });
    expect(claimGroupIdPage(db, 0, 10)).toEqual([a, c]);
    expect(claimGroupIdPage(db, 1, 10)).toEqual([c]);
  });

  it('keep a group whole when a link goes that another path still covers', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c] = spans(db, article(db), 3) as [number, number, number];
    const ab = api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: c, toId: a, type: 'same-claim' });
    api['links.review']({ id: ab.id, status: 'rejected' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: a });
  });

  it('drop an annotation from its group when it is deleted, renaming the group when it was the smallest member', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c] = spans(db, article(db), 3) as [number, number, number];
    api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    api['links.create']({ fromId: a, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: c, type: 'same-claim' });
    api['annotations.delete']({ id: a });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [b]: b, [c]: b });
    api['history.undo']({});
    expect(claimGroupDrift(db)).toEqual([]);
  });

  it('follow an undone and a redone link', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b] = spans(db, article(db), 2) as [number, number];
    api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    expect(claimGroupCount(db)).toBe(1);
    api['history.undo']({});
    expect(claimGroupCount(db)).toBe(0);
    api['history.redo']({});
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a });
  });

  it('lose the groups of an article that is deleted, and keep the others', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const first = article(db, 'first');
    const second = insertArticle(db, { text: `${TEXT} more`, title: 'second', outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
    const [a, b] = spans(db, first, 2) as [number, number];
    const [c, d] = spans(db, second, 2) as [number, number];
    api['links.create']({ fromId: a, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: d, type: 'same-claim' });
    api['links.create']({ fromId: c, toId: d, type: 'same-claim' });
    deleteArticle(db, first, 'ana');
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [c]: c, [d]: c });
  });

  it('are filled from the links already there when the corpus is migrated', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c] = spans(db, article(db), 3) as [number, number, number];
    api['links.create']({ fromId: c, toId: b, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: a, type: 'same-claim' });
    db.exec(`DROP VIEW claim_group_reach; DROP TABLE claim_group_members; DROP TABLE claim_group_join; DROP TABLE claim_group_seeds;
      DROP TRIGGER claim_groups_on_annotation_delete; DROP TRIGGER claim_groups_on_link_insert;
      DROP TRIGGER claim_groups_on_link_update; DROP TRIGGER claim_groups_on_link_delete;`);
    db.transaction(() => storedClaimGroups.up(db))();
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: a });
  });

  for (const seed of [11, 12, 13, 14]) {
    it(`always equal the groups the link graph gives, through random edits, undo and redo (seed ${seed})`, () => {
      const { db } = tempCorpus();
      article(db);
      const next = random(seed);
      for (let step = 0; step < 200; step++) {
        randomEdit(db, next() < 0.5 ? 'ana' : 'ben', next);
        expect(claimGroupDrift(db), `after step ${step}`).toEqual([]);
      }
    });
  }

  for (const seed of [21, 22, 23]) {
    it(`are the same on every device after a sync replays the others' link edits (seed ${seed})`, () => {
      const next = random(seed);
      const hub = new OrderingHub();
      const devices = ['ana', 'ben', 'cho'].map((analyst) => ({ analyst, db: tempCorpus().db }));
      article(devices[0]!.db);
      for (const d of devices) syncDevice(hub, d.db, d.analyst);
      for (let round = 0; round < 120; round++) {
        const device = devices[Math.floor(next() * devices.length)]!;
        if (next() < 0.2) syncDevice(hub, device.db, device.analyst, { push: next() < 0.7, pull: next() < 0.7 });
        else randomEdit(device.db, device.analyst, next);
        expect(claimGroupDrift(device.db)).toEqual([]);
      }
      for (let pass = 0; pass < 2; pass++) for (const d of devices) syncDevice(hub, d.db, d.analyst);
      const groups = devices.map((d) => {
        expect(claimGroupDrift(d.db)).toEqual([]);
        return claimGroupCount(d.db);
      });
      expect(new Set(groups).size).toBe(1);
    });
  }
});
