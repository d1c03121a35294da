import type { ArticleVersion } from '../contract/contract.ts';
import type { Db } from './database.ts';
import { deviceId, insertOperation, isLater, orderOf, writeBaseline } from './operations.ts';
import { newUuid } from './uuids.ts';

export interface VersionKey {
  url: string | null;
  outlet: string | null;
  title: string | null;
}

/**
 * The current (not superseded) article that an incoming text is a new version of:
 * the same URL, or the same outlet and title. Null when nothing matches, or when
 * the match is ambiguous, because guessing would move annotations onto the wrong story.
 */
export function findPreviousVersion(db: Db, key: VersionKey): number | null {
  const current = 'id NOT IN (SELECT old_id FROM article_supersessions)';
  if (key.url) {
    const byUrl = db.prepare(`SELECT id, outlet FROM articles WHERE url = ? AND url IS NOT NULL AND ${current} LIMIT 2`).all(key.url) as Array<{
      id: number;
      outlet: string | null;
    }>;
    // A page of another outlet that copies the article's canonical address is another article, never its new version.
    if (byUrl.length === 1) return sameOutlet(byUrl[0]!.outlet, key.outlet) ? byUrl[0]!.id : null;
    if (byUrl.length > 1) return null;
  }
  if (key.outlet && key.title) {
    const byName = db
      .prepare(`SELECT id FROM articles WHERE outlet = ? AND title = ? AND outlet IS NOT NULL AND title IS NOT NULL AND ${current} LIMIT 2`)
      .pluck()
      .all(key.outlet, key.title) as number[];
    if (byName.length === 1) return byName[0]!;
  }
  return null;
}

/** Outlets agree unless both are named and differ (ignoring case and spacing). */
function sameOutlet(a: string | null, b: string | null): boolean {
  const norm = (outlet: string) => outlet.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return a === null || b === null || norm(a) === norm(b);
}

/**
 * Records that `newId` replaced `oldId`, and writes an `article.supersede`
 * operation (entity: the old text's sha256; payload: the new one's) so every
 * device of the team marks the same versions. Runs inside the caller's transaction.
 */
export function markSuperseded(db: Db, oldId: number, newId: number, at: string, actor: string): void {
  db.prepare('INSERT INTO article_supersessions (old_id, new_id, superseded_at) VALUES (?, ?, ?)').run(oldId, newId, at);
  const name = (id: number) => db.prepare('SELECT sha256 FROM articles WHERE id = ?').pluck().get(id) as string;
  writeBaseline(db, actor);
  insertOperation(
    db,
    {
      id: newUuid(),
      analyst: actor,
      device: deviceId(db),
      kind: 'article.supersede',
      entity: name(oldId),
      baseVersion: null,
      payload: { by: name(newId), at },
      createdAt: new Date().toISOString(),
    },
    null,
    'local',
  );
}

/**
 * Another device's supersession. Two devices may each have replaced one article
 * by a different new version; the first in the hub's order stands, decided over
 * the operations alone so every device marks the same one. A supersession whose
 * articles are not both here (one was removed) marks nothing. Returns whether it wrote.
 */
export function settleSupersession(db: Db, oldSha: string): boolean {
  const ops = db.prepare("SELECT id, payload FROM operations WHERE entity = ? AND kind = 'article.supersede'").all(oldSha) as Array<{
    id: string;
    payload: string;
  }>;
  const idOf = (sha: string) => (db.prepare('SELECT id FROM articles WHERE sha256 = ?').pluck().get(sha) as number | undefined) ?? null;
  const oldId = idOf(oldSha);
  if (oldId === null) return false;
  let first: { id: string; newId: number; at: string } | null = null;
  for (const op of ops) {
    const { by, at } = JSON.parse(op.payload) as { by: string; at: string };
    const newId = idOf(by);
    if (newId === null || newId === oldId) continue;
    if (first === null || isLater(orderOf(db, first.id), orderOf(db, op.id))) first = { id: op.id, newId, at };
  }
  if (first === null || supersededBy(db, oldId) === first.newId) return false;
  db.prepare('INSERT OR REPLACE INTO article_supersessions (old_id, new_id, superseded_at) VALUES (?, ?, ?)').run(oldId, first.newId, first.at);
  return true;
}

/** The newer version that replaced an article, or null when it is current. */
export function supersededBy(db: Db, id: number): number | null {
  return (db.prepare('SELECT new_id FROM article_supersessions WHERE old_id = ?').pluck().get(id) as number | undefined) ?? null;
}

export function listVersions(db: Db): ArticleVersion[] {
  return db
    .prepare('SELECT old_id AS oldId, new_id AS newId, superseded_at AS supersededAt FROM article_supersessions ORDER BY old_id')
    .all() as ArticleVersion[];
}
