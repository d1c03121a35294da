import { z } from 'zod';
import type { Db } from '../corpus/database.ts';
import { buildClaimReviews } from '../exchange/claimReview.ts';
import { csvTableDownloadChunks } from '../exchange/csvExport.ts';
import { jsonForScript } from '../exchange/jsonLdScript.ts';
import { webAnnotationChunks } from '../exchange/webAnnotation.ts';
import { ClaimReviewDownloadQuery, CsvDownloadQuery, type CsvTable, type Result } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';

/** A file the app offers for download, streamed as it is made. */
export interface Download {
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string>;
}

/** What a download address names: a file, or why there is none. Both transports (HTTP, app://) answer with it. */
export type Downloads = (pathname: string, query: URLSearchParams) => Result<Download>;
/** The same, made elsewhere (the corpus host's exporter): what the transports serve. */
export type ServedDownloads = (pathname: string, query: URLSearchParams) => Result<Download> | Promise<Result<Download>>;

const CSV_PATH = /^\/export\/(annotations|links)\.csv$/;
const CLAIM_REVIEW_PATH = '/export/claimreview.json';
/** The whole corpus as a W3C Web Annotation collection, as `export --format json` writes it. */
const WEB_ANNOTATION_PATH = '/export/annotations.jsonld';
/** Every reviewed claim group's ClaimReview, as `export --format claimreview` without --group writes them. */
const ALL_CLAIM_REVIEWS_PATH = '/export/claimreviews.json';
/** The whole-corpus files take no options: an unknown one is refused, not ignored. */
const NoOptions = z.strictObject({});

/** The CSV export, one table per file, the Web Annotation collection, and the ClaimReview of one claim group or of all, with the options of the export command. */
/** `actor`: the analyst the app runs as; under blind annotation the annotation files hold only what they may see. */
export function createDownloads(db: Db, actor?: string): Downloads {
  return (pathname, query) => {
    try {
      const table = CSV_PATH.exec(pathname)?.[1] as CsvTable | undefined;
      if (table) {
        const { tag, outlet, status, bom } = parseQuery(CsvDownloadQuery, query);
        const chunks = csvTableDownloadChunks(db, table, { tags: tag, outlets: outlet, linkStatuses: status, visibleTo: actor }, bom?.[0] === '1');
        return { ok: true, value: { fileName: `${table}.csv`, contentType: 'text/csv; charset=utf-8', chunks } };
      }
      if (pathname === CLAIM_REVIEW_PATH) {
        const [group] = parseQuery(ClaimReviewDownloadQuery, query).group;
        const [review] = buildClaimReviews(db, group, actor);
        if (!review) throw new CrosscheckError('not_found', `Annotation ${group} is in no reviewed claim group.`);
        return {
          ok: true,
          value: { fileName: `claimreview-${group}.json`, contentType: 'application/ld+json; charset=utf-8', chunks: once(`${jsonForScript(review, 2)}\n`) },
        };
      }
      if (pathname === WEB_ANNOTATION_PATH) {
        parseQuery(NoOptions, query);
        return {
          ok: true,
          value: {
            fileName: 'annotations.jsonld',
            contentType: 'application/ld+json; charset=utf-8',
            chunks: fromSync(webAnnotationChunks(db, undefined, actor)),
          },
        };
      }
      if (pathname === ALL_CLAIM_REVIEWS_PATH) {
        parseQuery(NoOptions, query);
        // Built when the download starts, like the CLI's file: every group's review, or an empty list.
        return {
          ok: true,
          value: {
            fileName: 'claimreviews.json',
            contentType: 'application/ld+json; charset=utf-8',
            chunks: lazy(() => `${jsonForScript(buildClaimReviews(db, undefined, actor), 2)}\n`),
          },
        };
      }
      throw new CrosscheckError('not_found', `No download at ${pathname.slice(0, 80)}.`);
    } catch (error) {
      if (!(error instanceof CrosscheckError)) throw error;
      return { ok: false, error: { code: error.code, message: error.message } };
    }
  };
}

/** The query string as the schema reads it: every key a list of its values. */
function parseQuery<T extends z.ZodType>(schema: T, query: URLSearchParams): z.infer<T> {
  const values: Record<string, string[]> = {};
  for (const key of new Set(query.keys())) values[key] = query.getAll(key);
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CrosscheckError('invalid_input', `Invalid export option ${issue.path.join('.') || 'query'}: ${issue.message}.`);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

async function* lazy(make: () => string): AsyncGenerator<string> {
  yield make();
}

async function* fromSync(chunks: Iterable<string>): AsyncGenerator<string> {
  yield* chunks;
}
