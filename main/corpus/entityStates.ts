import { GROUPING_LINK_TYPES, type LinkType } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { anchorSpan } from './textAnchor.ts';
import { nameUuid } from './uuids.ts';

/*
 * Every replicable thing in a corpus as a state named by a stable name (a UUID,
 * or an article's sha256), independent of this corpus's integer ids. Undo keeps
 * states before and after, operations carry states to other devices, and both
 * write them back through writeState: the one place that turns a state into rows.
 *
 * A state holds only what travels: other entities are named by UUID (an
 * annotation's article by the sha256 of its text), never by integer id.
 * Derived columns (an annotation's quote and context, a link's status) are
 * recomputed on every write.
 */

export const ENTITY_KINDS = [
  'article',
  'annotation',
  'link',
  'linkReview',
  'verdict',
  'rejection',
  'speaker',
  'speakerAlias',
  'projectOption',
  'articleDone',
  'orphan',
  'curator',
  'keptNeither',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface AnnotationState {
  article: string;
  start: number;
  end: number;
  tag: string;
  note: string;
  speaker: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Present only on the curated layer: the analyst's annotation a curator kept this span from (schema 18). */
  curatedFrom?: string;
}
export interface LinkState {
  from: string;
  to: string;
  type: string;
  method: string;
  score: number | null;
  createdBy: string;
  createdAt: string;
}
export interface LinkReviewState {
  link: string;
  reviewer: string;
  status: 'confirmed' | 'rejected';
  reviewedAt: string;
}
export interface VerdictState {
  annotation: string;
  reviewer: string;
  ratingValue: number | null;
  alternateName: string;
  reviewedAt: string;
  /** The claim in the reviewer's own wording and the published review's address (ClaimReview); absent in operations from before they existed. */
  claimReviewed?: string | null;
  reviewUrl?: string | null;
}
export interface RejectionState {
  annotation: string;
  article: string;
  start: number;
  end: number;
  reviewer: string;
  rejectedAt: string;
}
export interface SpeakerState {
  name: string;
  createdAt: string;
  /** Present only when set, so the state of a speaker without them reads as before they existed. */
  role?: string;
  affiliation?: string;
  wikidata?: string;
}
export interface SpeakerAliasState {
  alias: string;
  speaker: string;
}
/** A project switch (schema 17): how the whole team works, replicated like any edit. */
export interface ProjectOptionState {
  name: ProjectOptionName;
  enabled: boolean;
  setBy: string;
  setAt: string;
}
export const PROJECT_OPTION_NAMES = ['four-eyes', 'blind'] as const;
export type ProjectOptionName = (typeof PROJECT_OPTION_NAMES)[number];
/** An analyst finished annotating an article (schema 17); removed when they take it up again. */
export interface ArticleDoneState {
  article: string;
  analyst: string;
  doneAt: string;
}
/** An analyst the project names as a curator (schema 23); removed when they are no longer one. */
export interface CuratorState {
  analyst: string;
  addedBy: string;
  addedAt: string;
}
/** A curator kept neither span of a pair (schema 23): decided, unlike a pair nobody decided. Removed when the pair is decided otherwise. */
export interface KeptNeitherState {
  article: string;
  /** The pair's spans, sorted by UUID (null where one analyst had no span). */
  first: string | null;
  second: string | null;
  decidedBy: string;
  decidedAt: string;
}
/** An annotation waiting in the orphans queue for a place on a newer version of its article; removed once placed or dropped. */
export interface OrphanState {
  annotation: string;
  newArticle: string;
  start: number | null;
  end: number | null;
  score: number | null;
  reason: string;
  createdAt: string;
}
/** What can change about an article: its text never does, and it enters the corpus only by import. */
export interface ArticleState {
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
}

export interface EntityStates {
  article: ArticleState;
  annotation: AnnotationState;
  link: LinkState;
  linkReview: LinkReviewState;
  verdict: VerdictState;
  rejection: RejectionState;
  speaker: SpeakerState;
  speakerAlias: SpeakerAliasState;
  projectOption: ProjectOptionState;
  articleDone: ArticleDoneState;
  orphan: OrphanState;
  curator: CuratorState;
  keptNeither: KeptNeitherState;
}
export type EntityState = EntityStates[EntityKind];

/** An entity as undo steps and dependents name it. */
export interface EntityRef {
  kind: EntityKind;
  uuid: string;
}

/** The names that are derived rather than drawn: every device computes the same one for the same thing. */
export const linkReviewUuid = (link: string, reviewer: string) => nameUuid('link-review', `${link}\n${reviewer}`);
export const verdictUuid = (annotation: string, reviewer: string) => nameUuid('verdict', `${annotation}\n${reviewer}`);
export const rejectionUuid = (annotation: string, article: string, start: number, end: number) =>
  nameUuid('rejection', `${annotation}\n${article}\n${start}\n${end}`);
export const speakerAliasUuid = (key: string) => nameUuid('speaker-alias', key);
export const projectOptionUuid = (name: ProjectOptionName) => nameUuid('project-option', name);
export const orphanUuid = (annotation: string) => nameUuid('orphan', annotation);
export const articleDoneUuid = (article: string, analyst: string) => nameUuid('article-done', `${article}\n${analyst}`);
export const curatorUuid = (analyst: string) => nameUuid('curator', analyst);
/** A "kept neither" decision is named like the pair's curated span, in a namespace of its own (both may exist at once, as two entities). */
export const keptNeitherUuid = (article: string, first: string | null, second: string | null) =>
  nameUuid('kept-neither', `${article}\n${first ?? '-'}\n${second ?? '-'}`);
/** A curated span is named by the pair of analysts' spans it decides, so deciding the pair again edits the same entity. */
export const curatedUuid = (article: string, first: string | null, second: string | null) =>
  nameUuid('curated', `${article}\n${first ?? '-'}\n${second ?? '-'}`);
/**
 * A link is named by its two ends and its type (either way round for the grouping types, whose
 * direction means nothing), so two analysts who draw the same link offline make one entity, whose
 * operations meet on every device instead of breaking the one-link-per-pair rule.
 */
export const linkUuid = (from: string, to: string, type: string) => {
  const [a, b] = GROUPING_LINK_TYPES.includes(type as LinkType) && to < from ? [to, from] : [from, to];
  return nameUuid('link', `${a}\n${b}\n${type}`);
};

const TABLES: Record<EntityKind, string> = {
  article: 'articles',
  annotation: 'annotations',
  link: 'links',
  linkReview: 'link_reviews',
  verdict: 'claim_reviews',
  rejection: 'suggestion_rejections',
  speaker: 'speakers',
  speakerAlias: 'speaker_aliases',
  projectOption: 'project_options',
  articleDone: 'article_done',
  orphan: 'orphans',
  curator: 'curators',
  keptNeither: 'kept_neither',
};

/** The integer id of an entity in this corpus, or null when it is not here. */
export function localId(db: Db, kind: EntityKind, uuid: string): number | null {
  if (kind === 'article') return (cachedStatement(db, 'SELECT id FROM articles WHERE sha256 = ?').pluck().get(uuid) as number | undefined) ?? null;
  if (kind === 'speakerAlias') {
    const alias = aliasRow(db, uuid);
    return alias ? alias.speakerId : null;
  }
  // A queue entry is keyed by its annotation.
  if (kind === 'orphan') return (cachedStatement(db, 'SELECT annotation_id FROM orphans WHERE uuid = ?').pluck().get(uuid) as number | undefined) ?? null;
  return (cachedStatement(db, `SELECT id FROM ${TABLES[kind]} WHERE uuid = ?`).pluck().get(uuid) as number | undefined) ?? null;
}

/** The stable name of the row with this integer id. */
export function uuidOf(db: Db, kind: Exclude<EntityKind, 'speakerAlias'>, id: number): string {
  const uuid =
    kind === 'article'
      ? cachedStatement(db, 'SELECT sha256 FROM articles WHERE id = ?').pluck().get(id)
      : cachedStatement(db, `SELECT uuid FROM ${TABLES[kind]} WHERE id = ?`).pluck().get(id);
  if (typeof uuid !== 'string') throw new CrosscheckError('not_found', `There is no ${kind === 'annotation' ? 'annotation' : kind} ${id}.`);
  return uuid;
}

export function readState<K extends EntityKind>(db: Db, kind: K, uuid: string): EntityStates[K] | null {
  return (READERS[kind](db, uuid) as EntityStates[K] | undefined) ?? null;
}

const READERS: { [K in EntityKind]: (db: Db, uuid: string) => EntityStates[K] | undefined } = {
  article: (db, sha256) => cachedStatement(db, 'SELECT title, outlet, url, published FROM articles WHERE sha256 = ?').get(sha256) as ArticleState | undefined,
  annotation: (db, uuid) => {
    const row = cachedStatement(
      db,
      `SELECT ar.sha256 AS article, an.start, an."end" AS "end", an.tag, an.note, an.speaker, an.author, an.created_at AS createdAt, an.updated_at AS updatedAt,
         an.curated_from AS curatedFrom
       FROM annotations an JOIN articles ar ON ar.id = an.article_id WHERE an.uuid = ?`,
    ).get(uuid) as (Omit<AnnotationState, 'curatedFrom'> & { curatedFrom: string | null }) | undefined;
    if (!row) return undefined;
    // Only curated spans carry the field, so an analyst's annotation reads as it did before the curated layer existed.
    const { curatedFrom, ...state } = row;
    return curatedFrom === null ? state : { ...state, curatedFrom };
  },
  link: (db, uuid) =>
    cachedStatement(
      db,
      `SELECT f.uuid AS "from", t.uuid AS "to", l.type, l.method, l.score, l.created_by AS createdBy, l.created_at AS createdAt
         FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id WHERE l.uuid = ?`,
    ).get(uuid) as LinkState | undefined,
  linkReview: (db, uuid) =>
    cachedStatement(
      db,
      'SELECT l.uuid AS link, r.reviewer, r.status, r.reviewed_at AS reviewedAt FROM link_reviews r JOIN links l ON l.id = r.link_id WHERE r.uuid = ?',
    ).get(uuid) as LinkReviewState | undefined,
  verdict: (db, uuid) => {
    const row = cachedStatement(
      db,
      `SELECT a.uuid AS annotation, v.reviewer, v.rating_value AS ratingValue, v.alternate_name AS alternateName, v.reviewed_at AS reviewedAt,
           v.claim_reviewed AS claimReviewed, v.review_url AS reviewUrl
         FROM claim_reviews v JOIN annotations a ON a.id = v.annotation_id WHERE v.uuid = ?`,
    ).get(uuid) as VerdictState | undefined;
    if (!row) return undefined;
    // The review's wording and address are optional: a state without them (from a file or an older device)
    // is the same state as one where they are empty, and must not read as a conflicting edit.
    const { claimReviewed, reviewUrl, ...rest } = row;
    return { ...rest, ...(claimReviewed != null ? { claimReviewed } : {}), ...(reviewUrl != null ? { reviewUrl } : {}) };
  },
  rejection: (db, uuid) =>
    cachedStatement(
      db,
      `SELECT a.uuid AS annotation, ar.sha256 AS article, r.start, r."end" AS "end", r.reviewer, r.rejected_at AS rejectedAt
         FROM suggestion_rejections r JOIN annotations a ON a.id = r.annotation_id JOIN articles ar ON ar.id = r.article_id WHERE r.uuid = ?`,
    ).get(uuid) as RejectionState | undefined,
  speaker: (db, uuid) => {
    const row = cachedStatement(db, 'SELECT name, created_at AS createdAt, role, affiliation, wikidata FROM speakers WHERE uuid = ?').get(uuid) as
      { name: string; createdAt: string; role: string | null; affiliation: string | null; wikidata: string | null } | undefined;
    if (!row) return undefined;
    const { role, affiliation, wikidata, ...state } = row;
    return { ...state, ...(role === null ? {} : { role }), ...(affiliation === null ? {} : { affiliation }), ...(wikidata === null ? {} : { wikidata }) };
  },
  speakerAlias: (db, uuid) => {
    const row = aliasRow(db, uuid);
    return row ? { alias: row.alias, speaker: row.speaker } : undefined;
  },
  projectOption: (db, uuid) => {
    const row = cachedStatement(db, 'SELECT name, enabled, set_by AS setBy, set_at AS setAt FROM project_options WHERE uuid = ?').get(uuid) as
      (Omit<ProjectOptionState, 'enabled'> & { enabled: number }) | undefined;
    return row ? { ...row, enabled: row.enabled === 1 } : undefined;
  },
  orphan: (db, uuid) =>
    cachedStatement(
      db,
      `SELECT a.uuid AS annotation, ar.sha256 AS newArticle, o.suggested_start AS start, o.suggested_end AS "end", o.score, o.reason, o.created_at AS createdAt
       FROM orphans o JOIN annotations a ON a.id = o.annotation_id JOIN articles ar ON ar.id = o.new_article_id WHERE o.uuid = ?`,
    ).get(uuid) as OrphanState | undefined,
  curator: (db, uuid) =>
    cachedStatement(db, 'SELECT analyst, added_by AS addedBy, added_at AS addedAt FROM curators WHERE uuid = ?').get(uuid) as CuratorState | undefined,
  keptNeither: (db, uuid) =>
    cachedStatement(
      db,
      `SELECT ar.sha256 AS article, k.first_uuid AS first, k.second_uuid AS second, k.decided_by AS decidedBy, k.decided_at AS decidedAt
       FROM kept_neither k JOIN articles ar ON ar.id = k.article_id WHERE k.uuid = ?`,
    ).get(uuid) as KeptNeitherState | undefined,
  articleDone: (db, uuid) =>
    cachedStatement(
      db,
      'SELECT ar.sha256 AS article, d.analyst, d.done_at AS doneAt FROM article_done d JOIN articles ar ON ar.id = d.article_id WHERE d.uuid = ?',
    ).get(uuid) as ArticleDoneState | undefined,
};

/** Aliases are keyed by their folded name; their UUID is derived from it, so it is found by recomputing. */
function aliasRow(db: Db, uuid: string): { key: string; alias: string; speaker: string; speakerId: number } | undefined {
  const rows = cachedStatement(
    db,
    'SELECT a.key, a.alias, s.uuid AS speaker, s.id AS speakerId FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id',
  ).all() as Array<{
    key: string;
    alias: string;
    speaker: string;
    speakerId: number;
  }>;
  return rows.find((r) => speakerAliasUuid(r.key) === uuid);
}

const idBy = (db: Db, kind: EntityKind, uuid: string, role: string): number => {
  const id = localId(db, kind, uuid);
  if (id === null) throw new CrosscheckError('not_found', `${role} ${uuid} is not in this corpus.`);
  return id;
};

/**
 * Makes the entity's rows say `state`, or removes them for null. `idHint` is the
 * integer id it had here before, reused when restoring it (ids are never handed
 * to another row, so the old id is still its own). Returns the local id.
 * Removing an annotation also removes what hangs on it (links, reviews, verdicts,
 * rejections); callers that must keep those record them first.
 */
export function writeState(db: Db, kind: EntityKind, uuid: string, state: EntityState | null, idHint?: number): number | null {
  const existing = localId(db, kind, uuid);
  if (state === null) {
    if (existing === null) return null;
    if (kind === 'speakerAlias') {
      const row = aliasRow(db, uuid)!;
      cachedStatement(db, 'DELETE FROM speaker_aliases WHERE key = ?').run(row.key);
      return null;
    }
    if (kind === 'article') throw new CrosscheckError('invalid_input', 'An article is never removed from a corpus by an edit.');
    const linkId = kind === 'linkReview' ? (cachedStatement(db, 'SELECT link_id FROM link_reviews WHERE id = ?').pluck().get(existing) as number) : null;
    if (kind === 'orphan') cachedStatement(db, 'DELETE FROM orphans WHERE uuid = ?').run(uuid);
    else cachedStatement(db, `DELETE FROM ${TABLES[kind]} WHERE id = ?`).run(existing);
    if (linkId !== null) deriveLinkStatus(db, linkId);
    if (kind === 'projectOption') deriveAllLinkStatuses(db);
    return null;
  }
  return WRITERS[kind](db, uuid, state as never, existing, idHint);
}

type Writer<S> = (db: Db, uuid: string, state: S, existing: number | null, idHint?: number) => number;

const freeId = (db: Db, table: string, idHint: number | undefined): number | null =>
  idHint !== undefined && !cachedStatement(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(idHint) ? idHint : null;

const WRITERS: { [K in EntityKind]: Writer<EntityStates[K]> } = {
  article(db, sha256, state, existing) {
    if (existing === null) throw new CrosscheckError('not_found', `Article ${sha256} is not in this corpus (its text arrives by import or sync first).`);
    cachedStatement(db, 'UPDATE articles SET title = @title, outlet = @outlet, url = @url, published = @published WHERE id = @id').run({
      ...state,
      id: existing,
    });
    return existing;
  },
  annotation(db, uuid, state, existing, idHint) {
    const article = cachedStatement(db, 'SELECT id, text FROM articles WHERE sha256 = ?').get(state.article) as { id: number; text: string } | undefined;
    if (!article) throw new CrosscheckError('not_found', `Article ${state.article} is not in this corpus.`);
    const row = {
      uuid,
      articleId: article.id,
      start: state.start,
      end: state.end,
      ...anchorSpan(article.text, state.start, state.end),
      tag: state.tag,
      note: state.note,
      speaker: state.speaker,
      author: state.author,
      createdAt: state.createdAt,
      updatedAt: state.updatedAt,
      curatedFrom: state.curatedFrom ?? null,
    };
    if (existing !== null) {
      cachedStatement(
        db,
        `UPDATE annotations SET article_id = @articleId, start = @start, "end" = @end, quote = @quote, prefix = @prefix, suffix = @suffix, tag = @tag,
           note = @note, speaker = @speaker, author = @author, created_at = @createdAt, updated_at = @updatedAt, curated_from = @curatedFrom WHERE id = @id`,
      ).run({ ...row, id: existing });
      return existing;
    }
    return Number(
      cachedStatement(
        db,
        `INSERT INTO annotations (id, uuid, article_id, start, "end", quote, prefix, suffix, tag, note, speaker, author, created_at, updated_at, curated_from)
           VALUES (@id, @uuid, @articleId, @start, @end, @quote, @prefix, @suffix, @tag, @note, @speaker, @author, @createdAt, @updatedAt, @curatedFrom)`,
      ).run({ ...row, id: freeId(db, 'annotations', idHint) }).lastInsertRowid,
    );
  },
  link(db, uuid, state, existing, idHint) {
    const row = {
      uuid,
      fromId: idBy(db, 'annotation', state.from, 'Annotation'),
      toId: idBy(db, 'annotation', state.to, 'Annotation'),
      type: state.type,
      method: state.method,
      score: state.score,
      createdBy: state.createdBy,
      createdAt: state.createdAt,
    };
    let id = existing;
    if (id !== null) {
      cachedStatement(
        db,
        'UPDATE links SET from_id = @fromId, to_id = @toId, type = @type, method = @method, score = @score, created_by = @createdBy, created_at = @createdAt WHERE id = @id',
      ).run({ ...row, id });
    } else {
      id = Number(
        cachedStatement(
          db,
          `INSERT INTO links (id, uuid, from_id, to_id, type, status, method, score, created_by, created_at)
             VALUES (@id, @uuid, @fromId, @toId, @type, 'suggested', @method, @score, @createdBy, @createdAt)`,
        ).run({ ...row, id: freeId(db, 'links', idHint) }).lastInsertRowid,
      );
    }
    deriveLinkStatus(db, id);
    return id;
  },
  linkReview(db, uuid, state, existing) {
    const linkId = idBy(db, 'link', state.link, 'Link');
    const row = { uuid, linkId, reviewer: state.reviewer, status: state.status, reviewedAt: state.reviewedAt };
    let id = existing;
    if (id !== null)
      cachedStatement(db, 'UPDATE link_reviews SET link_id = @linkId, reviewer = @reviewer, status = @status, reviewed_at = @reviewedAt WHERE id = @id').run({
        ...row,
        id,
      });
    else
      id = Number(
        cachedStatement(
          db,
          'INSERT INTO link_reviews (uuid, link_id, reviewer, status, reviewed_at) VALUES (@uuid, @linkId, @reviewer, @status, @reviewedAt)',
        ).run(row).lastInsertRowid,
      );
    deriveLinkStatus(db, linkId);
    return id;
  },
  verdict(db, uuid, state, existing) {
    const row = {
      uuid,
      annotationId: idBy(db, 'annotation', state.annotation, 'Annotation'),
      reviewer: state.reviewer,
      ratingValue: state.ratingValue,
      alternateName: state.alternateName,
      reviewedAt: state.reviewedAt,
      claimReviewed: state.claimReviewed ?? null,
      reviewUrl: state.reviewUrl ?? null,
    };
    if (existing !== null) {
      cachedStatement(
        db,
        `UPDATE claim_reviews SET annotation_id = @annotationId, reviewer = @reviewer, rating_value = @ratingValue, alternate_name = @alternateName,
           reviewed_at = @reviewedAt, claim_reviewed = @claimReviewed, review_url = @reviewUrl WHERE id = @id`,
      ).run({ ...row, id: existing });
      return existing;
    }
    return Number(
      cachedStatement(
        db,
        `INSERT INTO claim_reviews (uuid, annotation_id, reviewer, rating_value, alternate_name, reviewed_at, claim_reviewed, review_url)
           VALUES (@uuid, @annotationId, @reviewer, @ratingValue, @alternateName, @reviewedAt, @claimReviewed, @reviewUrl)`,
      ).run(row).lastInsertRowid,
    );
  },
  rejection(db, uuid, state, existing) {
    const article = cachedStatement(db, 'SELECT id, text FROM articles WHERE sha256 = ?').get(state.article) as { id: number; text: string } | undefined;
    if (!article) throw new CrosscheckError('not_found', `Article ${state.article} is not in this corpus.`);
    const row = {
      uuid,
      annotationId: idBy(db, 'annotation', state.annotation, 'Annotation'),
      articleId: article.id,
      start: state.start,
      end: state.end,
      quote: article.text.slice(state.start, state.end),
      reviewer: state.reviewer,
      rejectedAt: state.rejectedAt,
    };
    if (existing !== null) {
      cachedStatement(
        db,
        'UPDATE suggestion_rejections SET annotation_id = @annotationId, article_id = @articleId, start = @start, "end" = @end, quote = @quote, reviewer = @reviewer, rejected_at = @rejectedAt WHERE id = @id',
      ).run({ ...row, id: existing });
      return existing;
    }
    return Number(
      cachedStatement(
        db,
        `INSERT INTO suggestion_rejections (uuid, annotation_id, article_id, start, "end", quote, reviewer, rejected_at)
           VALUES (@uuid, @annotationId, @articleId, @start, @end, @quote, @reviewer, @rejectedAt)`,
      ).run(row).lastInsertRowid,
    );
  },
  speaker(db, uuid, state, existing, idHint) {
    const entity = [state.role ?? null, state.affiliation ?? null, state.wikidata ?? null];
    if (existing !== null) {
      cachedStatement(db, 'UPDATE speakers SET name = ?, created_at = ?, role = ?, affiliation = ?, wikidata = ? WHERE id = ?').run(
        state.name,
        state.createdAt,
        ...entity,
        existing,
      );
      return existing;
    }
    return Number(
      cachedStatement(db, 'INSERT INTO speakers (id, uuid, name, created_at, role, affiliation, wikidata) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        freeId(db, 'speakers', idHint),
        uuid,
        state.name,
        state.createdAt,
        ...entity,
      ).lastInsertRowid,
    );
  },
  speakerAlias(db, uuid, state) {
    const speakerId = idBy(db, 'speaker', state.speaker, 'Speaker');
    const key = aliasKey(state.alias);
    if (speakerAliasUuid(key) !== uuid) throw new CrosscheckError('invalid_input', `The alias “${state.alias}” does not belong to the name ${uuid}.`);
    cachedStatement(
      db,
      'INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET alias = excluded.alias, speaker_id = excluded.speaker_id',
    ).run(key, state.alias, speakerId);
    return speakerId;
  },
  projectOption(db, uuid, state, existing) {
    if (projectOptionUuid(state.name) !== uuid) throw new CrosscheckError('invalid_input', `The option “${state.name}” does not belong to the name ${uuid}.`);
    const row = { uuid, name: state.name, enabled: state.enabled ? 1 : 0, setBy: state.setBy, setAt: state.setAt };
    let id = existing;
    if (id !== null) cachedStatement(db, 'UPDATE project_options SET enabled = @enabled, set_by = @setBy, set_at = @setAt WHERE id = @id').run({ ...row, id });
    else
      id = Number(
        cachedStatement(db, 'INSERT INTO project_options (uuid, name, enabled, set_by, set_at) VALUES (@uuid, @name, @enabled, @setBy, @setAt)').run(row)
          .lastInsertRowid,
      );
    // Four-eyes changes which reviews count, so every link's current value is derived again.
    if (state.name === 'four-eyes') deriveAllLinkStatuses(db);
    return id;
  },
  orphan(db, uuid, state) {
    if (orphanUuid(state.annotation) !== uuid)
      throw new CrosscheckError('invalid_input', `The orphan entry of ${state.annotation} does not belong to the name ${uuid}.`);
    const annotationId = idBy(db, 'annotation', state.annotation, 'Annotation');
    cachedStatement(
      db,
      `INSERT OR REPLACE INTO orphans (annotation_id, new_article_id, suggested_start, suggested_end, score, reason, created_at, uuid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(annotationId, idBy(db, 'article', state.newArticle, 'Article'), state.start, state.end, state.score, state.reason, state.createdAt, uuid);
    return annotationId;
  },
  curator(db, uuid, state, existing) {
    if (curatorUuid(state.analyst) !== uuid) throw new CrosscheckError('invalid_input', `The curator “${state.analyst}” does not belong to the name ${uuid}.`);
    if (existing !== null) {
      cachedStatement(db, 'UPDATE curators SET added_by = ?, added_at = ? WHERE id = ?').run(state.addedBy, state.addedAt, existing);
      return existing;
    }
    return Number(
      cachedStatement(db, 'INSERT INTO curators (uuid, analyst, added_by, added_at) VALUES (?, ?, ?, ?)').run(uuid, state.analyst, state.addedBy, state.addedAt)
        .lastInsertRowid,
    );
  },
  keptNeither(db, uuid, state, existing) {
    if (keptNeitherUuid(state.article, state.first, state.second) !== uuid)
      throw new CrosscheckError('invalid_input', `The decision on a pair of ${state.article} does not belong to the name ${uuid}.`);
    const articleId = idBy(db, 'article', state.article, 'Article');
    if (existing !== null) {
      cachedStatement(db, 'UPDATE kept_neither SET decided_by = ?, decided_at = ? WHERE id = ?').run(state.decidedBy, state.decidedAt, existing);
      return existing;
    }
    return Number(
      cachedStatement(db, 'INSERT INTO kept_neither (uuid, article_id, first_uuid, second_uuid, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        uuid,
        articleId,
        state.first,
        state.second,
        state.decidedBy,
        state.decidedAt,
      ).lastInsertRowid,
    );
  },
  articleDone(db, uuid, state, existing) {
    if (articleDoneUuid(state.article, state.analyst) !== uuid)
      throw new CrosscheckError('invalid_input', `The done mark of ${state.analyst} on ${state.article} does not belong to the name ${uuid}.`);
    const articleId = idBy(db, 'article', state.article, 'Article');
    if (existing !== null) {
      cachedStatement(db, 'UPDATE article_done SET done_at = ? WHERE id = ?').run(state.doneAt, existing);
      return existing;
    }
    return Number(
      cachedStatement(db, 'INSERT INTO article_done (uuid, article_id, analyst, done_at) VALUES (?, ?, ?, ?)').run(uuid, articleId, state.analyst, state.doneAt)
        .lastInsertRowid,
    );
  },
};

/** SQLite's lower(trim(name)), as the speaker triggers fold names (ASCII case, spaces only). */
export const aliasKey = (name: string) => name.replace(/^ +| +$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A link's status, reviewer and review time are its latest review's (by review
 * time, then by review UUID so every device picks the same one); a link nobody
 * has reviewed is only suggested. Under four-eyes review the creator's own
 * confirmation does not count (it may have been made before the option reached
 * this device): a link is confirmed only by someone else.
 */
export function deriveLinkStatus(db: Db, linkId: number): void {
  const latest = cachedStatement(
    db,
    `SELECT r.status, r.reviewer, r.reviewed_at AS reviewedAt FROM link_reviews r JOIN links l ON l.id = r.link_id
     WHERE r.link_id = ? AND NOT (r.status = 'confirmed' AND r.reviewer = l.created_by AND ${FOUR_EYES_ON_SQL})
     ORDER BY r.reviewed_at DESC, r.uuid DESC LIMIT 1`,
  ).get(linkId) as { status: string; reviewer: string; reviewedAt: string } | undefined;
  // Only a real change is written: the claim-group and suggestion triggers on links fire on any
  // update of `status`, and a claim group's trigger walks the whole group again.
  const [status, reviewer, reviewedAt] = [latest?.status ?? 'suggested', latest?.reviewer ?? null, latest?.reviewedAt ?? null];
  cachedStatement(
    db,
    'UPDATE links SET status = ?, reviewer = ?, reviewed_at = ? WHERE id = ? AND (status IS NOT ? OR reviewer IS NOT ? OR reviewed_at IS NOT ?)',
  ).run(status, reviewer, reviewedAt, linkId, status, reviewer, reviewedAt);
}

/** Whether four-eyes review is on, as SQL: the option is off until someone turns it on. */
const FOUR_EYES_ON_SQL = "EXISTS (SELECT 1 FROM project_options WHERE name = 'four-eyes' AND enabled = 1)";

/** Every link's current value again, after four-eyes review was turned on or off. */
function deriveAllLinkStatuses(db: Db): void {
  for (const id of cachedStatement(db, 'SELECT id FROM links ORDER BY id').pluck().all() as number[]) deriveLinkStatus(db, id);
}

/**
 * What hangs on an entity and would go with it: an annotation's links, verdicts
 * and rejections; a link's reviews; a speaker's aliases. Each with who made it,
 * so a refusal can say whose work is in the way.
 */
export function dependentsOf(db: Db, ref: EntityRef): Array<EntityRef & { by: string }> {
  const id = localId(db, ref.kind, ref.uuid);
  if (id === null) return [];
  if (ref.kind === 'annotation') {
    const links = cachedStatement(db, 'SELECT uuid, created_by AS by, id FROM links WHERE from_id = ? OR to_id = ? ORDER BY id').all(id, id) as Array<{
      uuid: string;
      by: string;
      id: number;
    }>;
    return [
      ...links.flatMap((l) => [{ kind: 'link' as const, uuid: l.uuid, by: l.by }, ...dependentsOf(db, { kind: 'link', uuid: l.uuid })]),
      ...(
        cachedStatement(db, 'SELECT uuid, reviewer AS by FROM claim_reviews WHERE annotation_id = ? ORDER BY id').all(id) as Array<{ uuid: string; by: string }>
      ).map((v) => ({ kind: 'verdict' as const, ...v })),
      ...(
        cachedStatement(db, 'SELECT uuid, reviewer AS by FROM suggestion_rejections WHERE annotation_id = ? ORDER BY id').all(id) as Array<{
          uuid: string;
          by: string;
        }>
      ).map((r) => ({ kind: 'rejection' as const, ...r })),
      ...(cachedStatement(db, 'SELECT uuid FROM orphans WHERE annotation_id = ? AND uuid IS NOT NULL').pluck().all(id) as string[]).map((uuid) => ({
        kind: 'orphan' as const,
        uuid,
        by: 'unknown',
      })),
    ];
  }
  if (ref.kind === 'link') {
    return (
      cachedStatement(db, 'SELECT uuid, reviewer AS by FROM link_reviews WHERE link_id = ? ORDER BY id').all(id) as Array<{ uuid: string; by: string }>
    ).map((r) => ({ kind: 'linkReview' as const, ...r }));
  }
  if (ref.kind === 'speaker') {
    return (cachedStatement(db, 'SELECT key FROM speaker_aliases WHERE speaker_id = ? ORDER BY key').pluck().all(id) as string[]).map((key) => ({
      kind: 'speakerAlias' as const,
      uuid: speakerAliasUuid(key),
      by: 'unknown',
    }));
  }
  return [];
}

/** One canonical JSON text per state, so two states compare equal exactly when they say the same. */
export function sameState(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
