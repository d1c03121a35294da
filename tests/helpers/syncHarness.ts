import { canonicalJson } from '../../main/corpus/entityStates.ts';
import type { Db } from '../../main/corpus/database.ts';
import {
  applyPulledOperations,
  articleTexts,
  articlesNeeded,
  lastPulledSeq,
  markPushed,
  pendingOperations,
  type Operation,
  type SequencedOperation,
} from '../../main/corpus/syncDevice.ts';

/**
 * The hub's ordering as the sync envelope specifies it, in memory: pushes are
 * idempotent by operation id, seq is assigned here alone, articles by hash.
 * The devices it serves are real corpus files; the PostgreSQL hub itself is
 * tested where it is built.
 */
export class OrderingHub {
  readonly log: SequencedOperation[] = [];
  readonly texts = new Map<string, string>();

  push(operations: readonly Operation[]): { accepted: number; duplicates: number } {
    let accepted = 0;
    let duplicates = 0;
    for (const op of operations) {
      const known = this.log.find((o) => o.id === op.id);
      if (known) {
        const { seq: _seq, ...envelope } = known;
        if (canonicalJson(envelope) !== canonicalJson(op)) throw new Error(`409: operation ${op.id} pushed again with other content`);
        duplicates++;
        continue;
      }
      this.log.push({ ...op, seq: this.log.length + 1 });
      accepted++;
    }
    return { accepted, duplicates };
  }

  pull(after: number, limit = 5000): SequencedOperation[] {
    return this.log.filter((o) => o.seq > after).slice(0, limit);
  }
}

/** One round of sync for a device, as a transport runs it: push the outbox, then pull and apply. */
export function syncDevice(hub: OrderingHub, db: Db, analyst: string, options: { push?: boolean; pull?: boolean } = {}): void {
  if (options.push !== false) {
    for (;;) {
      const pending = pendingOperations(db, analyst, 1000);
      if (pending.length === 0) break;
      for (const [sha256, text] of articleTexts(db, pending)) hub.texts.set(sha256, text);
      hub.push(pending);
      markPushed(
        db,
        pending.map((o) => o.id),
      );
    }
  }
  if (options.pull !== false) {
    const pulled = hub.pull(lastPulledSeq(db));
    for (const sha256 of articlesNeeded(db, pulled)) if (!hub.texts.has(sha256)) throw new Error(`hub lacks article ${sha256}`);
    applyPulledOperations(db, pulled, { articleText: (sha256) => hub.texts.get(sha256) });
  }
}

/** What must be identical on every device once all have synced: the corpus by stable names, never by local ids. */
export function logicalDump(db: Db): unknown {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    articles: all('SELECT sha256, title, outlet, url, published FROM articles ORDER BY sha256'),
    annotations: all(
      `SELECT an.uuid, ar.sha256, an.start, an."end", an.quote, an.tag, an.note, an.speaker, an.author, an.created_at, an.updated_at, an.curated_from
       FROM annotations an JOIN articles ar ON ar.id = an.article_id ORDER BY an.uuid`,
    ),
    links: all(
      `SELECT l.uuid, f.uuid AS "from", t.uuid AS "to", l.type, l.status, l.method, l.score, l.reviewer, l.reviewed_at, l.created_by
       FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id ORDER BY l.uuid`,
    ),
    reviews: all('SELECT r.uuid, l.uuid AS link, r.reviewer, r.status, r.reviewed_at FROM link_reviews r JOIN links l ON l.id = r.link_id ORDER BY r.uuid'),
    verdicts: all(
      'SELECT v.uuid, a.uuid AS annotation, v.reviewer, v.rating_value, v.alternate_name FROM claim_reviews v JOIN annotations a ON a.id = v.annotation_id ORDER BY v.uuid',
    ),
    rejections: all(
      'SELECT r.uuid, a.uuid AS annotation, r.start, r."end" FROM suggestion_rejections r JOIN annotations a ON a.id = r.annotation_id ORDER BY r.uuid',
    ),
    speakers: all(
      'SELECT s.uuid, s.name, (SELECT group_concat(key) FROM (SELECT key FROM speaker_aliases WHERE speaker_id = s.id ORDER BY key)) AS aliases FROM speakers s ORDER BY s.uuid',
    ),
    conflicts: all('SELECT uuid, entity, status, sides, kept FROM conflicts ORDER BY uuid'),
    bylines: all('SELECT ar.sha256, b.byline FROM article_bylines b JOIN articles ar ON ar.id = b.article_id ORDER BY ar.sha256'),
    orphans: all(
      `SELECT o.uuid, a.uuid AS annotation, ar.sha256 AS newArticle, o.suggested_start, o.suggested_end, o.score, o.reason
       FROM orphans o JOIN annotations a ON a.id = o.annotation_id JOIN articles ar ON ar.id = o.new_article_id ORDER BY o.uuid`,
    ),
    projectOptions: all('SELECT uuid, name, enabled, set_by, set_at FROM project_options ORDER BY uuid'),
    done: all('SELECT d.uuid, ar.sha256, d.analyst, d.done_at FROM article_done d JOIN articles ar ON ar.id = d.article_id ORDER BY d.uuid'),
    curators: all('SELECT uuid, analyst, added_by, added_at FROM curators ORDER BY uuid'),
    keptNeither: all(
      'SELECT k.uuid, ar.sha256, k.first_uuid, k.second_uuid, k.decided_by, k.decided_at FROM kept_neither k JOIN articles ar ON ar.id = k.article_id ORDER BY k.uuid',
    ),
  };
}
