import type { Db } from '../corpus/database.ts';
import { csvTableChunks } from '../exchange/csvExport.ts';
import { CSV_DOWNLOAD_TABLES, CsvDownloadQuery, type Result } from './contract.ts';

/** A file the app offers for download, streamed as it is made. */
export interface Download {
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string>;
}

/** What a download address names: a file, or why there is none. Both transports (HTTP, app://) answer with it. */
export type Downloads = (pathname: string, query: URLSearchParams) => Result<Download>;

const CSV_PATH = /^\/export\/(annotations|links)\.csv$/;

/** The CSV export, one table per file, with the filters of the export command. */
export function createDownloads(db: Db): Downloads {
  return (pathname, query) => {
    const table = CSV_PATH.exec(pathname)?.[1] as (typeof CSV_DOWNLOAD_TABLES)[number] | undefined;
    if (!table) return { ok: false, error: { code: 'not_found', message: `No download at ${pathname.slice(0, 80)}.` } };
    const values: Record<string, string[]> = {};
    for (const key of new Set(query.keys())) values[key] = query.getAll(key);
    const parsed = CsvDownloadQuery.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, error: { code: 'invalid_input', message: `Invalid export filter ${issue.path.join('.') || 'query'}: ${issue.message}.` } };
    }
    const { tag, outlet, status, bom } = parsed.data;
    return {
      ok: true,
      value: {
        fileName: `${table}.csv`,
        contentType: 'text/csv; charset=utf-8',
        chunks: csvTableChunks(db, table, { tags: tag, outlets: outlet, linkStatuses: status }, bom?.[0] === '1'),
      },
    };
  };
}
