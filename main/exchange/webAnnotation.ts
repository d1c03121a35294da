import { z } from 'zod';
import { HttpUrl, LINK_METHODS, LinkStatus, LinkType, RatingValue, Tag } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { articleTextByHash, insertArticle } from '../corpus/articles.ts';
import { applyChange, recordStep } from '../corpus/changes.ts';
import { recordImportConflict } from '../corpus/conflicts.ts';
import type { Db } from '../corpus/database.ts';
import {
  linkReviewUuid,
  localId,
  readState,
  sameState,
  uuidOf,
  verdictUuid,
  type AnnotationState,
  type EntityKind,
  type EntityStates,
  type LinkReviewState,
  type LinkState,
  type VerdictState,
} from '../corpus/entityStates.ts';
import { recordEvent } from '../corpus/events.ts';
import { recordImportedClaim } from '../corpus/importedClaims.ts';
import { findLink } from '../corpus/links.ts';
import { canonicalUuid } from '../corpus/uuids.ts';
import { exchangeAnnotationRows, exchangeArticleRows, exchangeLinkRows, type ExchangeAnnotationRow as AnnotationRow } from '../corpus/exchangeRows.ts';
import { anchorSpan } from '../corpus/textAnchor.ts';
import { isNormalised, sha256Hex } from '../ingest/normalise.ts';
import { openSnapshot } from './corpusSnapshot.ts';
import { writeChunks } from './fileOutput.ts';

/**
 * The W3C Web Annotation Data Model as two analysts exchange work: one
 * AnnotationCollection holding the articles (named by the sha256 of their text,
 * so the same article is the same resource in every corpus), their annotations
 * (TextQuoteSelector + TextPositionSelector, with the claim group's rating on
 * the annotation that carries it) and the links between annotations
 * (annotations with motivation `linking`). Annotations and links keep their
 * UUIDs, which is what lets an import merge instead of duplicating.
 */
export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Crosscheck's own terms, for what the model has no word for (tags, speakers, link review). */
export const CROSSCHECK_CONTEXT = { crosscheck: 'urn:crosscheck:terms:' };
const FORMAT_VERSION = 1;

const articleIri = (sha256: string) => `urn:sha256:${sha256}`;
const uuidIri = (uuid: string) => `urn:uuid:${uuid}`;

const Sha256Iri = z.string().regex(/^urn:sha256:[0-9a-f]{64}$/, 'expected urn:sha256: and 64 hex digits');
const UuidIri = z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/i, 'expected urn:uuid: and a UUID');
const Timestamp = z.string().min(1).max(64);
const Nullable = z.string().nullable();

const ExchangeArticle = z.object({
  id: Sha256Iri,
  type: z.literal('Text'),
  title: Nullable,
  'crosscheck:outlet': Nullable,
  'crosscheck:url': Nullable,
  'crosscheck:published': z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  'crosscheck:fileName': Nullable,
  'crosscheck:imported': Timestamp,
  'crosscheck:byline': Nullable.optional(),
  /** The bytes the text was extracted from, as captured on import: named by their hash, not carried. */
  'crosscheck:captured': z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().nonnegative(),
      mediaType: z.string(),
      captured: Timestamp,
      address: Nullable.optional(),
      httpDate: Nullable.optional(),
    })
    .optional(),
  value: z.string(),
});

const TagAnnotation = z.object({
  id: UuidIri,
  type: z.literal('Annotation'),
  motivation: z.literal('classifying'),
  body: z.array(z.object({ type: z.literal('TextualBody'), purpose: z.enum(['tagging', 'commenting']), value: z.string() })),
  'crosscheck:speaker': Nullable,
  /** The verdict on the claim group, where the analyst set it on this annotation. */
  'crosscheck:rating': z
    .object({ ratingValue: RatingValue.nullable(), alternateName: z.string().min(1).max(300), reviewer: z.string().min(1).max(300), reviewed: Timestamp })
    .optional(),
  creator: z.object({ type: z.literal('Person'), name: z.string().min(1) }),
  created: Timestamp,
  modified: Timestamp,
  target: z.object({
    source: Sha256Iri,
    selector: z.tuple([
      z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string(), suffix: z.string() }),
      z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().positive() }),
    ]),
  }),
});

const LinkAnnotation = z.object({
  id: UuidIri,
  type: z.literal('Annotation'),
  motivation: z.literal('linking'),
  target: UuidIri,
  body: UuidIri,
  'crosscheck:linkType': LinkType,
  'crosscheck:status': LinkStatus,
  'crosscheck:method': z.enum(LINK_METHODS),
  'crosscheck:score': z.number().min(0).max(1).nullable(),
  'crosscheck:reviewer': Nullable,
  'crosscheck:reviewed': Nullable,
  created: Timestamp,
});

export const ExchangeDocument = z.object({
  '@context': z.tuple([z.literal(WEB_ANNOTATION_CONTEXT), z.object({ crosscheck: z.literal(CROSSCHECK_CONTEXT.crosscheck) })]),
  type: z.literal('AnnotationCollection'),
  'crosscheck:format': z.literal(FORMAT_VERSION),
  'crosscheck:articles': z.array(ExchangeArticle),
  first: z.object({ type: z.literal('AnnotationPage'), items: z.array(z.union([TagAnnotation, LinkAnnotation])) }),
});
export type ExchangeDocument = z.infer<typeof ExchangeDocument>;

/** Writes the whole corpus as one collection, streamed item by item so that memory stays flat. */
export async function exportWebAnnotations(db: Db, file: string): Promise<{ articles: number; annotations: number; links: number }> {
  const counts = { articles: 0, annotations: 0, links: 0 };
  await writeChunks(file, webAnnotationChunks(db, counts));
  return counts;
}

/**
 * The whole corpus as one Web Annotation collection, piece by piece, read from
 * one snapshot (closed when the last piece is taken or the reader stops);
 * `counts` is filled in as the pieces are made.
 */
/** `visibleTo`: only the annotations and links that analyst may see under blind annotation (the app's download). */
export function* webAnnotationChunks(db: Db, counts = { articles: 0, annotations: 0, links: 0 }, visibleTo?: string): Generator<string> {
  const snapshot = openSnapshot(db);
  try {
    const reader = snapshot.db;
    yield `{"@context":${JSON.stringify([WEB_ANNOTATION_CONTEXT, CROSSCHECK_CONTEXT])},"type":"AnnotationCollection","generator":"Crosscheck",`;
    yield `"generated":${JSON.stringify(new Date().toISOString())},"crosscheck:format":${FORMAT_VERSION},\n"crosscheck:articles":[`;
    for (const a of exchangeArticleRows(reader)) {
      yield `${counts.articles++ ? ',' : ''}\n${JSON.stringify(articleJson(a))}`;
    }
    yield '],\n"first":{"type":"AnnotationPage","items":[';
    let items = 0;
    for (const a of exchangeAnnotationRows(reader, visibleTo)) {
      yield `${items++ ? ',' : ''}\n${JSON.stringify(annotationJson(a))}`;
      counts.annotations++;
    }
    for (const l of exchangeLinkRows(reader, visibleTo)) {
      yield `${items++ ? ',' : ''}\n${JSON.stringify(linkJson(l))}`;
      counts.links++;
    }
    yield '\n]}}\n';
  } finally {
    snapshot.close();
  }
}

const articleJson = (a: Record<string, string | null> & { capturedSize: number | null }): z.infer<typeof ExchangeArticle> => ({
  id: articleIri(a.sha256!),
  type: 'Text',
  title: a.title!,
  'crosscheck:outlet': a.outlet!,
  'crosscheck:url': a.url!,
  'crosscheck:published': a.published!,
  'crosscheck:fileName': a.fileName!,
  'crosscheck:imported': a.importedAt!,
  ...(a.byline ? { 'crosscheck:byline': a.byline } : {}),
  ...(a.capturedSha256
    ? {
        'crosscheck:captured': {
          sha256: a.capturedSha256,
          size: a.capturedSize!,
          mediaType: a.capturedMediaType!,
          captured: a.capturedAt!,
          ...(a.capturedAddress ? { address: a.capturedAddress, httpDate: a.capturedHttpDate } : {}),
        },
      }
    : {}),
  value: a.text!,
});

const annotationJson = (a: AnnotationRow): z.infer<typeof TagAnnotation> => ({
  id: uuidIri(a.uuid),
  type: 'Annotation',
  motivation: 'classifying',
  body: [
    { type: 'TextualBody', purpose: 'tagging', value: a.tag },
    ...(a.note ? [{ type: 'TextualBody' as const, purpose: 'commenting' as const, value: a.note }] : []),
  ],
  'crosscheck:speaker': a.speaker,
  ...(a.alternateName
    ? { 'crosscheck:rating': { ratingValue: a.ratingValue, alternateName: a.alternateName, reviewer: a.reviewer!, reviewed: a.reviewedAt! } }
    : {}),
  creator: { type: 'Person', name: a.author },
  created: a.createdAt,
  modified: a.updatedAt,
  target: {
    source: articleIri(a.sha256),
    selector: [
      { type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix },
      { type: 'TextPositionSelector', start: a.start, end: a.end },
    ],
  },
});

const linkJson = (l: Record<string, string | number | null>) => ({
  id: uuidIri(l.uuid as string),
  type: 'Annotation',
  motivation: 'linking',
  target: uuidIri(l.fromUuid as string),
  body: uuidIri(l.toUuid as string),
  'crosscheck:linkType': l.type,
  'crosscheck:status': l.status,
  'crosscheck:method': l.method,
  'crosscheck:score': l.score,
  'crosscheck:reviewer': l.reviewer,
  'crosscheck:reviewed': l.reviewedAt,
  created: l.createdAt,
});

export interface MergeCounts {
  added: number;
  alreadyPresent: number;
  /** Changed by the file where it was the later edit (for links: a reviewer's newer review). */
  updated: number;
  /** Changed both here and in the file: both kept as a conflict to decide (crosscheck conflicts). */
  conflicts: number;
}
export interface WebAnnotationImportResult {
  articles: MergeCounts;
  annotations: MergeCounts;
  links: MergeCounts;
}

const uuidOfIri = (iri: string, what: string): string => {
  const uuid = canonicalUuid(iri.slice('urn:uuid:'.length));
  if (uuid === null) throw new CrosscheckError('invalid_input', `${what} ${iri}: not a UUID`);
  return uuid;
};

/**
 * Merges a collection into the corpus in one transaction, through the corpus
 * modules like any edit: articles by the hash of their text, annotations and
 * links by UUID (in either case). What is new is added; what a colleague
 * changed is applied where the file's edit is the later one, and kept beside
 * ours as a conflict where ours is; reviews and verdicts are kept per reviewer.
 * Whatever the file says about who wrote or reviewed something is kept but
 * marked unverified, "imported by `actor` from `source`". Anything inconsistent
 * (a text whose hash differs from its name, a selector that does not match its
 * text, a URL that is not http or https) refuses the whole file, naming the item.
 */
export function importWebAnnotations(db: Db, json: string, actor: string, source = 'a Web Annotation file'): WebAnnotationImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new CrosscheckError('invalid_input', `not a JSON file: ${(error as Error).message}`);
  }
  const parsed = ExchangeDocument.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CrosscheckError('invalid_input', `not a Crosscheck Web Annotation collection: ${issue.path.join('.') || 'document'}: ${issue.message}`);
  }
  const document = parsed.data;
  const result: WebAnnotationImportResult = { articles: counts(), annotations: counts(), links: counts() };
  const claim = (kind: EntityKind, entity: string, claimedBy: string) => recordImportedClaim(db, { kind, entity, claimedBy, importedBy: actor, source });
  return recordStep(
    db,
    actor,
    'import',
    () => {
      const texts = new Map<string, string>();
      for (const article of document['crosscheck:articles']) {
        const sha256 = article.id.slice('urn:sha256:'.length);
        if (!isNormalised(article.value) || sha256Hex(article.value) !== sha256) {
          throw new CrosscheckError('invalid_input', `article ${article.id}: its text does not match its sha256 (or is not normalised)`);
        }
        const url = article['crosscheck:url'];
        if (url !== null && !HttpUrl.safeParse(url).success)
          throw new CrosscheckError('invalid_input', `article ${article.id}: its URL is not an http or https address`);
        texts.set(sha256, article.value);
        const { status } = insertArticle(
          db,
          {
            text: article.value,
            title: article.title,
            outlet: article['crosscheck:outlet'],
            url,
            published: article['crosscheck:published'],
            fileName: article['crosscheck:fileName'],
            importedAt: article['crosscheck:imported'],
            origin: `web-annotation file ${source}`,
            byline: article['crosscheck:byline'] ?? null,
          },
          actor,
        );
        if (status === 'duplicate') {
          result.articles.alreadyPresent++;
          continue;
        }
        result.articles.added++;
      }
      const items = document.first.items;
      for (const item of items) if (item.motivation === 'classifying') mergeAnnotation(db, item, texts, actor, source, result.annotations, claim);
      for (const item of items) if (item.motivation === 'linking') mergeLink(db, item, actor, source, result.links, claim);
      return result;
    },
    () => ({ annotationId: null, articleId: null, quote: source }),
  );
}

const counts = (): MergeCounts => ({ added: 0, alreadyPresent: 0, updated: 0, conflicts: 0 });

type Claim = (kind: EntityKind, entity: string, claimedBy: string) => void;

function mergeAnnotation(
  db: Db,
  item: z.infer<typeof TagAnnotation>,
  texts: Map<string, string>,
  actor: string,
  source: string,
  count: MergeCounts,
  claim: Claim,
): void {
  const uuid = uuidOfIri(item.id, 'annotation');
  const sha256 = item.target.source.slice('urn:sha256:'.length);
  const text = texts.get(sha256) ?? articleTextByHash(db, sha256);
  if (text === null)
    throw new CrosscheckError('invalid_input', `annotation ${item.id}: its article ${item.target.source} is neither in the file nor in the corpus`);
  const [quote, position] = item.target.selector;
  const anchor = anchorSpan(text, position.start, position.end);
  if (anchor.quote !== quote.exact || anchor.prefix !== quote.prefix || anchor.suffix !== quote.suffix) {
    throw new CrosscheckError('invalid_input', `annotation ${item.id}: its TextQuoteSelector does not match the text at ${position.start}–${position.end}`);
  }
  const tags = item.body.filter((b) => b.purpose === 'tagging');
  const tag = Tag.safeParse(tags[0]?.value);
  if (tags.length !== 1 || !tag.success) throw new CrosscheckError('invalid_input', `annotation ${item.id}: expected one tag of ${Tag.options.join(', ')}`);
  const state: AnnotationState = {
    article: sha256,
    start: position.start,
    end: position.end,
    tag: tag.data,
    note: item.body
      .filter((b) => b.purpose === 'commenting')
      .map((b) => b.value)
      .join('\n\n'),
    speaker: item['crosscheck:speaker'],
    author: item.creator.name,
    createdAt: item.created,
    updatedAt: item.modified,
  };
  const outcome = mergeState(db, actor, source, 'annotation', uuid, state, (s) => s.updatedAt);
  count[outcome]++;
  if (outcome === 'added' || outcome === 'updated') {
    claim('annotation', uuid, item.creator.name);
    recordEvent(db, {
      actor,
      action: 'annotation.import',
      entity: 'annotation',
      entityId: localId(db, 'annotation', uuid),
      entityUuid: uuid,
      data: { uuid, importedBy: actor, file: source, outcome },
    });
  }
  const rating = item['crosscheck:rating'];
  if (rating) {
    const verdict: VerdictState = {
      annotation: uuid,
      reviewer: rating.reviewer,
      ratingValue: rating.ratingValue,
      alternateName: rating.alternateName,
      reviewedAt: rating.reviewed,
    };
    const verdictId = verdictUuid(uuid, rating.reviewer);
    const verdictOutcome = mergeState(db, actor, source, 'verdict', verdictId, verdict, (s) => s.reviewedAt);
    if (verdictOutcome === 'added' || verdictOutcome === 'updated') claim('verdict', verdictId, rating.reviewer);
  }
}

function mergeLink(db: Db, item: z.infer<typeof LinkAnnotation>, actor: string, source: string, count: MergeCounts, claim: Claim): void {
  const fileUuid = uuidOfIri(item.id, 'link');
  const [from, to] = [uuidOfIri(item.target, `link ${item.id}: annotation`), uuidOfIri(item.body, `link ${item.id}: annotation`)];
  const [fromId, toId] = [localId(db, 'annotation', from), localId(db, 'annotation', to)];
  if (fromId === null || toId === null)
    throw new CrosscheckError('invalid_input', `link ${item.id}: it joins an annotation that is neither in the file nor in the corpus`);
  if (fromId === toId) throw new CrosscheckError('invalid_input', `link ${item.id}: it joins an annotation to itself`);
  // The same link made independently by both analysts has two UUIDs; it is still one link, and the file's review applies to it.
  const sameEnds = findLink(db, fromId, toId, item['crosscheck:linkType']);
  const uuid = localId(db, 'link', fileUuid) !== null ? fileUuid : sameEnds !== null ? uuidOf(db, 'link', sameEnds) : fileUuid;
  let outcome: keyof MergeCounts = 'alreadyPresent';
  if (readState(db, 'link', uuid) === null) {
    const state: LinkState = {
      from,
      to,
      type: item['crosscheck:linkType'],
      method: item['crosscheck:method'],
      score: item['crosscheck:score'],
      createdBy: actor,
      createdAt: item.created,
    };
    applyChange(db, actor, { kind: 'link', uuid, before: null, after: state });
    outcome = 'added';
  }
  const reviewer = item['crosscheck:reviewer'];
  const status = item['crosscheck:status'];
  if (reviewer && status !== 'suggested') {
    const review: LinkReviewState = { link: uuid, reviewer, status, reviewedAt: item['crosscheck:reviewed'] ?? item.created };
    const reviewId = linkReviewUuid(uuid, reviewer);
    const reviewOutcome = mergeState(db, actor, source, 'linkReview', reviewId, review, (s) => s.reviewedAt);
    if (reviewOutcome === 'added' || reviewOutcome === 'updated') claim('linkReview', reviewId, reviewer);
    if (outcome === 'alreadyPresent' && reviewOutcome !== 'alreadyPresent') outcome = reviewOutcome === 'added' ? 'updated' : reviewOutcome;
  }
  count[outcome]++;
  if (outcome !== 'alreadyPresent') {
    recordEvent(db, {
      actor,
      action: 'link.import',
      entity: 'link',
      entityId: localId(db, 'link', uuid),
      entityUuid: uuid,
      data: { uuid, importedBy: actor, file: source, outcome },
    });
  }
}

/**
 * One entity from the file against ours: added when we lack it, the same when
 * equal, ours replaced when the file's edit is the later one (by the time the
 * edit records), else both kept as a conflict.
 */
function mergeState<K extends 'annotation' | 'verdict' | 'linkReview'>(
  db: Db,
  actor: string,
  source: string,
  kind: K,
  uuid: string,
  state: EntityStates[K],
  editedAt: (s: EntityStates[K]) => string,
): keyof MergeCounts {
  const ours = readState(db, kind, uuid);
  if (ours === null) {
    applyChange(db, actor, { kind, uuid, before: null, after: state });
    return 'added';
  }
  if (sameState(ours, state)) return 'alreadyPresent';
  if (editedAt(state) > editedAt(ours)) {
    applyChange(db, actor, { kind, uuid, before: ours, after: state });
    return 'updated';
  }
  return recordImportConflict(db, { kind, entity: uuid, ours, theirs: state, importedBy: actor, source }) ? 'conflicts' : 'alreadyPresent';
}
