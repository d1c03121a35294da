import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, openDatabase, registerFunctions } from '../../main/corpus/database.ts';
import { outboxCount } from '../../main/corpus/migrations/025_outbox_count.ts';
import { claimTimeline } from '../../main/provenance/claimTimeline.ts';
import { pendingOriginGroups, storePendingOrigins } from '../../main/provenance/storedReuse.ts';
import { REUSE_METHOD } from '../../main/provenance/textReuse.ts';
import { spreadClaim } from '../helpers/claimSpread.ts';
import { liveTimeline } from '../helpers/reuseEdits.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { reportProse } from './reportText.ts';

const storedPairs = (db: Database.Database) => db.prepare('SELECT count(*) FROM text_reuse_pairs').pluck().get() as number;

function spread() {
  const { db, path } = tempCorpus();
  const handlers = createHandlers({ db, actor: 'ana' });
  return { db, path, handlers, ...spreadClaim(db, handlers) };
}

describe('stored text reuse between the reports of a claim group', () => {
  it('stores every two reports of a changed group once the background pass has run, and the timeline reads them', () => {
    const { db, wire } = spread();
    expect(pendingOriginGroups(db)).toBe(1);
    expect(storePendingOrigins(db)).toEqual({ settled: 1, pending: 0 });
    // Five reports: ten pairs, each stored whether or not the two texts reuse text.
    expect(storedPairs(db)).toBe(10);
    const timeline = claimTimeline(db, wire.annotation.id);
    expect(timeline.summary).toBe('5 reports, 2 independent origins (Wire Service copy ×3, Valley Radio-based ×2)');
    expect(timeline).toEqual(liveTimeline(db, wire.annotation.id));
  });

  it('works a pair out on first read when nothing stored it, and stores it for the next read', () => {
    const { db, wire } = spread();
    expect(storedPairs(db)).toBe(0);
    const first = claimTimeline(db, wire.annotation.id);
    expect(storedPairs(db)).toBe(10);
    expect(claimTimeline(db, wire.annotation.id)).toEqual(first);
  });

  it('lets a read-only connection work missing pairs out without storing them', () => {
    const { db, path, wire } = spread();
    const reader = openDatabase(path, { checkTexts: false });
    try {
      reader.pragma('query_only = ON');
      expect(claimTimeline(reader, wire.annotation.id)).toEqual(liveTimeline(db, wire.annotation.id));
      expect(storedPairs(db)).toBe(0);
    } finally {
      reader.close();
    }
  });

  it('works a pair stored under other comparison rules out again and replaces it', () => {
    const { db, wire } = spread();
    storePendingOrigins(db);
    db.prepare("UPDATE text_reuse_pairs SET method = 'older rules', reuse = NULL").run();
    expect(claimTimeline(db, wire.annotation.id)).toEqual(liveTimeline(db, wire.annotation.id));
    expect(db.prepare('SELECT DISTINCT method FROM text_reuse_pairs').pluck().all()).toEqual([REUSE_METHOD]);
  });

  it('reads a pair stored in either order the same as the texts give it, whichever report was published first', () => {
    const { db, handlers, wire, reprints } = spread();
    storePendingOrigins(db);
    const before = claimTimeline(db, wire.annotation.id);
    // The reprint now comes first: every pair with it is read the other way round.
    handlers['articles.updateMetadata']({ id: reprints[0]!.articleId, published: '2023-02-01' });
    const after = claimTimeline(db, wire.annotation.id);
    expect(after).toEqual(liveTimeline(db, wire.annotation.id));
    expect(after.firstAppearance?.articleId).toBe(reprints[0]!.articleId);
    expect(after.edges.filter((e) => e.kind === 'copy')).toHaveLength(before.edges.filter((e) => e.kind === 'copy').length);
  });

  it('queues a group again when it gains a report, and its pairs are stored by the next pass', () => {
    const { db, handlers, wire } = spread();
    storePendingOrigins(db);
    const text = `${reportProse(900, 3)}\n\nOfficials said the dam upstream had cracked during the night.`;
    const { articleId } = insertArticle(db, { text, title: 'Late', outlet: 'Late Desk', url: null, published: '2023-03-09', fileName: null }, 'ana');
    const start = text.indexOf('the dam upstream');
    const late = handlers['annotations.create']({ articleId, start, end: start + 'the dam upstream had cracked during the night'.length, tag: 'claim' });
    expect(pendingOriginGroups(db)).toBe(0);
    handlers['links.create']({ fromId: wire.annotation.id, toId: late.id, type: 'same-claim', status: 'confirmed' });
    expect(pendingOriginGroups(db)).toBe(1);
    storePendingOrigins(db);
    expect(storedPairs(db)).toBe(15);
    expect(claimTimeline(db, late.id)).toEqual(liveTimeline(db, late.id));
  });

  it('stops within its budget and leaves the rest waiting', () => {
    const { db } = spread();
    expect(storePendingOrigins(db, { budgetMs: 0 })).toEqual({ settled: 0, pending: 1 });
    expect(storedPairs(db)).toBe(0);
  });

  it("drops the stored pairs of a deleted article's text", () => {
    const { db, handlers, reprints } = spread();
    storePendingOrigins(db);
    const sha = db.prepare('SELECT sha256 FROM articles WHERE id = ?').pluck().get(reprints[0]!.articleId) as string;
    handlers['articles.delete']({ id: reprints[0]!.articleId });
    expect(db.prepare('SELECT count(*) FROM text_reuse_pairs WHERE first_sha = ? OR second_sha = ?').pluck().get(sha, sha)).toBe(0);
    expect(storedPairs(db)).toBe(6);
  });

  it('queues every claim group of a corpus that was made before migration 24', () => {
    const db = new Database(join(tempDir(), 'old.sqlite'));
    try {
      registerFunctions(db);
      db.pragma('foreign_keys = ON');
      migrate(db, 23);
      spreadClaim(db, createHandlers({ db, actor: 'ana' }));
      migrate(db);
      expect(pendingOriginGroups(db)).toBe(1);
      storePendingOrigins(db);
      expect(storedPairs(db)).toBe(10);
    } finally {
      db.close();
    }
  });
});

describe('migration 24 in a corpus that reached version 25 before it', () => {
  it('is added at the next open, with every claim group queued, and the version stays 25', () => {
    const path = join(tempDir(), 'skipped.sqlite');
    const old = new Database(path);
    registerFunctions(old);
    old.pragma('foreign_keys = ON');
    migrate(old, 23);
    spreadClaim(old, createHandlers({ db: old, actor: 'ana' }));
    // As a corpus opened by a version with migration 25 and not 24 was left.
    old.transaction(() => {
      outboxCount.up(old);
      old.pragma('user_version = 25');
    })();
    old.close();
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(25);
      expect(pendingOriginGroups(db)).toBe(1);
      storePendingOrigins(db);
      expect(storedPairs(db)).toBe(10);
    } finally {
      db.close();
    }
    // Opened again, it is not added twice.
    openDatabase(path).close();
  });
});
