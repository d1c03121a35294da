import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, openDatabase, schemaVersion } from '../../main/corpus/database.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it. Moscow said nothing.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function workspace() {
  const corpus = tempCorpus();
  const { articleId } = insertArticle(corpus.db, { text: TEXT, title: 'T', outlet: null, url: null, published: null, fileName: null }, 'ana');
  return { ...corpus, articleId, api: createHandlers({ db: corpus.db, actor: 'ana' }) };
}

describe('stable identity', () => {
  it('never gives a deleted annotation’s id to a new one, even when it was the newest', () => {
    const { api, articleId } = workspace();
    api['annotations.create']({ articleId, ...span('Kirby'), tag: 'attribution' });
    const newest = api['annotations.create']({ articleId, ...span('military'), tag: 'claim' });
    api['annotations.delete']({ id: newest.id });
    const next = api['annotations.create']({ articleId, ...span('Tehran'), tag: 'denial' });
    expect(next.id).toBeGreaterThan(newest.id);
  });

  it('never gives a deleted link’s id to a new one', () => {
    const { api, articleId } = workspace();
    const a = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim' });
    const b = api['annotations.create']({ articleId, ...span('Tehran denied it'), tag: 'denial' });
    const c = api['annotations.create']({ articleId, ...span('Moscow said nothing'), tag: 'claim' });
    const first = api['links.create']({ fromId: b.id, toId: a.id, type: 'denies' });
    api['annotations.delete']({ id: b.id });
    const second = api['links.create']({ fromId: c.id, toId: a.id, type: 'same-claim' });
    expect(second.id).toBeGreaterThan(first.id);
  });

  it('gives every annotation, link, review, verdict, speaker and rejected suggestion a lower-case UUID', () => {
    const { api, db, articleId } = workspace();
    const a = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim', speaker: 'Kirby' });
    const b = api['annotations.create']({ articleId, ...span('Moscow said nothing'), tag: 'claim' });
    const link = api['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    createHandlers({ db, actor: 'ben' })['links.review']({ id: link.id, status: 'rejected' });
    api['claimRatings.set']({ annotationId: a.id, ratingValue: 2, alternateName: 'Misleading' });
    api['suggestions.reject']({ annotationId: a.id, articleId, ...span('Tehran denied') });
    for (const table of ['annotations', 'links', 'link_reviews', 'claim_reviews', 'speakers', 'suggestion_rejections']) {
      const uuids = db.prepare(`SELECT uuid FROM ${table}`).pluck().all() as string[];
      expect(uuids.length, table).toBeGreaterThan(0);
      for (const uuid of uuids) expect(uuid, table).toMatch(LOWER_UUID);
    }
    expect(db.prepare('SELECT count(*) FROM link_reviews').pluck().get()).toBe(2);
  });

  it('names the entity’s UUID in every event', () => {
    const { api, db, articleId } = workspace();
    const a = api['annotations.create']({ articleId, ...span('military'), tag: 'claim' });
    api['annotations.update']({ id: a.id, tag: 'denial' });
    api['annotations.delete']({ id: a.id });
    const uuid = listEvents(db, 'annotation', a.id)[0]!.entityUuid;
    expect(uuid).toMatch(LOWER_UUID);
    expect(listEvents(db, 'annotation', a.id).map((e) => e.entityUuid)).toEqual([uuid, uuid, uuid]);
    expect(listEvents(db, 'article')[0]!.entityUuid).toBe(sha256Hex(TEXT)); // an article is named by the hash of its text
  });

  it('keeps each reviewer’s review of a link, and shows the latest as the link’s status', () => {
    const { api, db, articleId } = workspace();
    const a = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim' });
    const b = api['annotations.create']({ articleId, ...span('Moscow said nothing'), tag: 'claim' });
    const link = api['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    const rejected = createHandlers({ db, actor: 'ben' })['links.review']({ id: link.id, status: 'rejected' });
    expect(rejected).toMatchObject({ status: 'rejected', reviewer: 'ben' });
    const reviews = db.prepare('SELECT reviewer, status FROM link_reviews ORDER BY reviewer').all();
    expect(reviews).toEqual([
      { reviewer: 'ana', status: 'confirmed' },
      { reviewer: 'ben', status: 'rejected' },
    ]);
  });
});

describe('migration 005', () => {
  it('gives a version-4 corpus lower-case UUIDs everywhere, keeps its ids and references, and stops id reuse', () => {
    const path = join(tempDir(), 'v4.sqlite');
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    migrate(raw, 4);
    raw.prepare("INSERT INTO articles (id, text, text_length, sha256, imported_at) VALUES (1, ?, ?, ?, 'now')").run(TEXT, TEXT.length, sha256Hex(TEXT));
    const annotation = raw.prepare(
      `INSERT INTO annotations (id, uuid, article_id, start, "end", quote, prefix, suffix, tag, speaker, author, created_at, updated_at) VALUES (?, ?, 1, ?, ?, '', '', '', 'claim', ?, 'ana', 'now', 'now')`,
    );
    annotation.run(1, 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', 0, 5, 'Kirby');
    annotation.run(2, '11111111-2222-4333-8444-555555555555', 11, 17, null);
    annotation.run(3, 'not-a-uuid', 20, 25, null);
    raw
      .prepare(
        `INSERT INTO links (id, uuid, from_id, to_id, type, status, method, reviewer, reviewed_at, created_at) VALUES (1, 'L1', 1, 2, 'same-claim', 'confirmed', 'manual', 'ben', 'then', 'now')`,
      )
      .run();
    raw
      .prepare(`INSERT INTO claim_reviews (annotation_id, rating_value, alternate_name, reviewer, reviewed_at) VALUES (1, 2, 'Misleading', 'ana', 'then')`)
      .run();
    raw
      .prepare(
        `INSERT INTO suggestion_rejections (annotation_id, article_id, start, "end", quote, reviewer, rejected_at) VALUES (1, 1, 30, 40, 'q', 'ana', 'then')`,
      )
      .run();
    raw.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(5);
    const annotations = db.prepare('SELECT id, uuid FROM annotations ORDER BY id').all() as Array<{ id: number; uuid: string }>;
    expect(annotations.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(annotations[0]!.uuid).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    expect(annotations[1]!.uuid).toBe('11111111-2222-4333-8444-555555555555');
    expect(annotations[2]!.uuid).toMatch(LOWER_UUID);
    for (const table of ['links', 'claim_reviews', 'suggestion_rejections', 'speakers', 'link_reviews']) {
      const uuids = db.prepare(`SELECT uuid FROM ${table}`).pluck().all() as string[];
      expect(uuids, table).toHaveLength(1);
      expect(uuids[0], table).toMatch(LOWER_UUID);
    }
    expect(db.prepare('SELECT link_id AS linkId, reviewer, status FROM link_reviews').get()).toEqual({ linkId: 1, reviewer: 'ben', status: 'confirmed' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The newest annotation deleted: its id is still never handed out again.
    db.prepare('DELETE FROM annotations WHERE id = 3').run();
    const api = createHandlers({ db, actor: 'ana' });
    expect(api['annotations.create']({ articleId: 1, ...span('Tehran'), tag: 'denial' }).id).toBe(4);
    db.close();
  });
});
