import { z } from 'zod';
import { GROUPING_LINK_TYPES, LINK_METHODS, LinkStatus, LinkType, RatingValue, Tag } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import { insertArticle } from '../corpus/articles.ts';
import { setByline } from '../corpus/bylines.ts';
import type { Db } from '../corpus/database.ts';
import { recordEvent } from '../corpus/events.ts';
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
  'crosscheck:published': z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
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
    .object({ ratingValue: RatingValue.nullable(), alternateName: z.string().min(1), reviewer: z.string().min(1), reviewed: Timestamp })
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

interface AnnotationRow {
  uuid: string;
  sha256: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  tag: string;
  note: string;
  speaker: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  ratingValue: number | null;
  alternateName: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
}

/** Writes the whole corpus as one collection, streamed item by item so that memory stays flat. */
export async function exportWebAnnotations(db: Db, file: string): Promise<{ articles: number; annotations: number; links: number }> {
  const snapshot = openSnapshot(db);
  const counts = { articles: 0, annotations: 0, links: 0 };
  try {
    const reader = snapshot.db;
    function* chunks(): Generator<string> {
      yield `{"@context":${JSON.stringify([WEB_ANNOTATION_CONTEXT, CROSSCHECK_CONTEXT])},"type":"AnnotationCollection","generator":"Crosscheck",`;
      yield `"generated":${JSON.stringify(new Date().toISOString())},"crosscheck:format":${FORMAT_VERSION},\n"crosscheck:articles":[`;
      const articles = reader.prepare(
        `SELECT a.sha256, title, outlet, url, published, a.file_name AS fileName, imported_at AS importedAt, byline, text,
           s.sha256 AS capturedSha256, s.size AS capturedSize, s.media_type AS capturedMediaType, s.captured_at AS capturedAt,
           s.address AS capturedAddress, s.http_date AS capturedHttpDate
         FROM articles a LEFT JOIN article_bylines b ON b.article_id = a.id LEFT JOIN article_sources s ON s.article_id = a.id ORDER BY a.id`,
      );
      for (const a of articles.iterate() as Iterable<Record<string, string | null> & { capturedSize: number | null }>) {
        yield `${counts.articles++ ? ',' : ''}\n${JSON.stringify(articleJson(a))}`;
      }
      yield '],\n"first":{"type":"AnnotationPage","items":[';
      let items = 0;
      const annotations = reader.prepare(
        `SELECT an.uuid, ar.sha256, an.start, an."end", an.quote, an.prefix, an.suffix, an.tag, an.note, an.speaker, an.author,
           an.created_at AS createdAt, an.updated_at AS updatedAt, r.rating_value AS ratingValue, r.alternate_name AS alternateName,
           r.reviewer, r.reviewed_at AS reviewedAt
         FROM annotations an JOIN articles ar ON ar.id = an.article_id LEFT JOIN claim_reviews r ON r.annotation_id = an.id ORDER BY an.id`,
      );
      for (const a of annotations.iterate() as Iterable<AnnotationRow>) {
        yield `${items++ ? ',' : ''}\n${JSON.stringify(annotationJson(a))}`;
        counts.annotations++;
      }
      const links = reader.prepare(
        `SELECT l.uuid, f.uuid AS fromUuid, t.uuid AS toUuid, l.type, l.status, l.method, l.score, l.reviewer, l.reviewed_at AS reviewedAt,
           l.created_at AS createdAt
         FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id ORDER BY l.id`,
      );
      for (const l of links.iterate() as Iterable<Record<string, string | number | null>>) {
        yield `${items++ ? ',' : ''}\n${JSON.stringify(linkJson(l))}`;
        counts.links++;
      }
      yield '\n]}}\n';
    }
    await writeChunks(file, chunks());
    return counts;
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
}
export interface WebAnnotationImportResult {
  articles: MergeCounts;
  annotations: MergeCounts;
  links: MergeCounts;
}

/**
 * Merges a collection into the corpus in one transaction: articles by the hash
 * of their text, annotations and links by UUID; what is already here is kept
 * as it is. Anything inconsistent (a text whose hash differs from its name, a
 * selector that does not match its text) refuses the whole file, naming the item.
 */
export function importWebAnnotations(db: Db, json: string, actor: string): WebAnnotationImportResult {
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
  return db.transaction(() => {
    const articleIds = new Map<string, { id: number; text: string }>();
    for (const article of document['crosscheck:articles']) {
      const sha256 = article.id.slice('urn:sha256:'.length);
      if (!isNormalised(article.value) || sha256Hex(article.value) !== sha256) {
        throw new CrosscheckError('invalid_input', `article ${article.id}: its text does not match its sha256 (or is not normalised)`);
      }
      const { status, articleId: id } = insertArticle(
        db,
        {
          text: article.value,
          title: article.title,
          outlet: article['crosscheck:outlet'],
          url: article['crosscheck:url'],
          published: article['crosscheck:published'],
          fileName: article['crosscheck:fileName'],
          importedAt: article['crosscheck:imported'],
          origin: 'web-annotation',
        },
        actor,
      );
      articleIds.set(article.id, { id, text: article.value });
      if (status === 'duplicate') {
        result.articles.alreadyPresent++;
        continue;
      }
      if (article['crosscheck:byline']) setByline(db, id, article['crosscheck:byline']);
      result.articles.added++;
    }
    const annotationId = (iri: string) => db.prepare('SELECT id FROM annotations WHERE uuid = ?').pluck().get(iri.slice('urn:uuid:'.length)) as number | undefined;
    const items = document.first.items;
    for (const item of items) {
      if (item.motivation !== 'classifying') continue;
      if (annotationId(item.id) !== undefined) {
        result.annotations.alreadyPresent++;
        continue;
      }
      insertAnnotation(db, item, articleIds, actor);
      result.annotations.added++;
    }
    for (const item of items) {
      if (item.motivation !== 'linking') continue;
      const uuid = item.id.slice('urn:uuid:'.length);
      if (db.prepare('SELECT 1 FROM links WHERE uuid = ?').get(uuid)) {
        result.links.alreadyPresent++;
        continue;
      }
      const [fromId, toId] = [annotationId(item.target), annotationId(item.body)];
      if (fromId === undefined || toId === undefined) throw new CrosscheckError('invalid_input', `link ${item.id}: it joins an annotation that is neither in the file nor in the corpus`);
      // The same link made independently by both analysts has two UUIDs; it is still one link.
      const symmetric = GROUPING_LINK_TYPES.includes(item['crosscheck:linkType']) ? 1 : 0;
      const same = db
        .prepare('SELECT 1 FROM links WHERE type = ? AND ((from_id = ? AND to_id = ?) OR (? AND from_id = ? AND to_id = ?))')
        .get(item['crosscheck:linkType'], fromId, toId, symmetric, toId, fromId);
      if (same) {
        result.links.alreadyPresent++;
        continue;
      }
      const id = Number(
        db
          .prepare(
            `INSERT INTO links (uuid, from_id, to_id, type, status, method, score, reviewer, reviewed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(uuid, fromId, toId, item['crosscheck:linkType'], item['crosscheck:status'], item['crosscheck:method'], item['crosscheck:score'], item['crosscheck:reviewer'], item['crosscheck:reviewed'], item.created).lastInsertRowid,
      );
      recordEvent(db, { actor, action: 'link.import', entity: 'link', entityId: id, data: { uuid } });
      result.links.added++;
    }
    return result;
  }).immediate();
}

const counts = (): MergeCounts => ({ added: 0, alreadyPresent: 0 });

function insertAnnotation(db: Db, item: z.infer<typeof TagAnnotation>, articles: Map<string, { id: number; text: string }>, actor: string): void {
  const article =
    articles.get(item.target.source) ??
    (db.prepare('SELECT id, text FROM articles WHERE sha256 = ?').get(item.target.source.slice('urn:sha256:'.length)) as { id: number; text: string } | undefined);
  if (!article) throw new CrosscheckError('invalid_input', `annotation ${item.id}: its article ${item.target.source} is neither in the file nor in the corpus`);
  const [quote, position] = item.target.selector;
  const anchor = anchorSpan(article.text, position.start, position.end);
  if (anchor.quote !== quote.exact || anchor.prefix !== quote.prefix || anchor.suffix !== quote.suffix) {
    throw new CrosscheckError('invalid_input', `annotation ${item.id}: its TextQuoteSelector does not match the text at ${position.start}–${position.end}`);
  }
  const tags = item.body.filter((b) => b.purpose === 'tagging');
  const tag = Tag.safeParse(tags[0]?.value);
  if (tags.length !== 1 || !tag.success) throw new CrosscheckError('invalid_input', `annotation ${item.id}: expected one tag of ${Tag.options.join(', ')}`);
  const note = item.body.filter((b) => b.purpose === 'commenting').map((b) => b.value).join('\n\n');
  const id = Number(
    db
      .prepare(
        `INSERT INTO annotations (uuid, article_id, start, "end", quote, prefix, suffix, tag, note, speaker, author, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(item.id.slice('urn:uuid:'.length), article.id, position.start, position.end, anchor.quote, anchor.prefix, anchor.suffix, tag.data, note, item['crosscheck:speaker'], item.creator.name, item.created, item.modified).lastInsertRowid,
  );
  const rating = item['crosscheck:rating'];
  if (rating) {
    db.prepare('INSERT INTO claim_reviews (annotation_id, rating_value, alternate_name, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?)').run(
      id,
      rating.ratingValue,
      rating.alternateName,
      rating.reviewer,
      rating.reviewed,
    );
  }
  recordEvent(db, { actor, action: 'annotation.import', entity: 'annotation', entityId: id, data: { uuid: item.id } });
}
