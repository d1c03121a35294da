import { createReadStream, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_TABLES, type CsvTable } from '../contract/contract.ts';
import type { Db } from '../corpus/database.ts';
import { openSnapshot } from './corpusSnapshot.ts';
import { exportCsvInThreads, exportWorkersAvailable } from './csvParallelExport.ts';
import { CsvRowRenderer, renderRange, withHeader, type CsvFilters } from './csvRows.ts';
import { writeChunksTo } from './fileOutput.ts';

export { ANNOTATION_COLUMNS, LINK_COLUMNS } from './csvRows.ts';

export interface CsvExportOptions extends CsvFilters {
  /** Starts each file with a UTF-8 byte-order mark, which Excel needs to read UTF-8. */
  bom?: boolean;
  /**
   * Threads that render rows. By default a large corpus gets two, when there
   * are two cores, and a small one a single thread, since starting a worker
   * costs more than rendering a few thousand rows. Each thread beyond the first
   * adds about 80 MB at its peak; two keep a million-row export near 4 s and
   * under 300 MB.
   */
  threads?: number;
}

export interface CsvExportResult {
  annotationsFile: string;
  linksFile: string;
  annotations: number;
  links: number;
  /** How many threads rendered rows. */
  threads: number;
}

/**
 * At about 5 µs a row (docs/benchmarks.md, the io bench) this many rows take a quarter of a second on
 * one thread, about what starting a worker costs; below it one thread is as fast.
 */
const PARALLEL_FROM_ANNOTATIONS = 50_000;

/**
 * Writes annotations.csv and links.csv into `folder`, from one snapshot of the
 * corpus so the two files agree. Rows stream out in small batches, so memory
 * stays flat however large the corpus; a file replaces an earlier one only
 * once it is complete.
 */
export async function exportCsv(db: Db, folder: string, options: CsvExportOptions = {}): Promise<CsvExportResult> {
  const { bom = false, threads = defaultThreads(db), ...filters } = options;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a whole number of at least 1, got ${threads}`);
  mkdirSync(folder, { recursive: true });
  const files = { annotations: join(folder, 'annotations.csv'), links: join(folder, 'links.csv') };
  const parallel = threads > 1 && !db.memory && exportWorkersAvailable();
  const counts = parallel ? await exportCsvInThreads(db, files, filters, bom, threads) : await exportCsvHere(db, files, filters, bom);
  return { annotationsFile: files.annotations, linksFile: files.links, ...counts, threads: parallel ? threads : 1 };
}

function defaultThreads(db: Db): number {
  const [span] = db.prepare('SELECT coalesce(max(id) - min(id) + 1, 0) FROM annotations').raw().get() as [number];
  return span >= PARALLEL_FROM_ANNOTATIONS ? Math.min(2, availableParallelism()) : 1;
}

/**
 * One table of the export as text, for a download: from a snapshot of its
 * own, rendered in this thread batch by batch as the reader takes it.
 */
export async function* csvTableChunks(db: Db, table: CsvTable, filters: CsvFilters, bom: boolean): AsyncGenerator<string> {
  const snapshot = openSnapshot(db);
  try {
    const renderer = new CsvRowRenderer(snapshot.db, filters);
    yield* withHeader(table, bom, renderRange(renderer, table, renderer.idRange(table), { annotations: 0, links: 0 }));
  } finally {
    snapshot.close();
  }
}

/**
 * One table for a download, made by the same writer as the command line's
 * export: on a corpus large enough for it, both tables are written in
 * threads (exportCsv) into a temporary folder and the asked-for one is
 * streamed from there; on a smaller one the table is rendered here
 * (csvTableChunks), which is as fast. The folder goes when the download ends.
 */
export async function* csvTableDownloadChunks(
  db: Db,
  table: CsvTable,
  filters: CsvFilters,
  bom: boolean,
  threads: number = db.memory ? 1 : defaultThreads(db),
): AsyncGenerator<string> {
  if (threads < 2 || !exportWorkersAvailable()) return yield* csvTableChunks(db, table, filters, bom);
  const folder = mkdtempSync(join(tmpdir(), 'crosscheck-csv-download-'));
  try {
    const files = await exportCsv(db, folder, { ...filters, bom, threads });
    for await (const chunk of createReadStream(table === 'annotations' ? files.annotationsFile : files.linksFile, {
      encoding: 'utf8',
      highWaterMark: 64 * 1024,
    }))
      yield chunk as string;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Both files are written under temporary names and renamed only once both are complete: an export that fails leaves the earlier pair as it was. */
async function exportCsvHere(db: Db, files: Record<CsvTable, string>, filters: CsvFilters, bom: boolean): Promise<Record<CsvTable, number>> {
  const snapshot = openSnapshot(db);
  const partial = (table: CsvTable) => `${files[table]}.partial`;
  let renamed = false;
  try {
    const renderer = new CsvRowRenderer(snapshot.db, filters);
    const counts = { annotations: 0, links: 0 };
    for (const table of CSV_TABLES) {
      await writeChunksTo(partial(table), withHeader(table, bom, renderRange(renderer, table, renderer.idRange(table), counts)));
    }
    for (const table of CSV_TABLES) renameSync(partial(table), files[table]);
    renamed = true;
    return counts;
  } finally {
    snapshot.close();
    if (!renamed) for (const table of CSV_TABLES) removeIfFile(partial(table));
  }
}

function removeIfFile(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Something else in the way (a folder): not ours to remove.
  }
}
