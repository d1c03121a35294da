import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CSV_TABLES, type CsvTable } from '../contract/contract.ts';
import type { Db } from '../corpus/database.ts';
import type { CsvSliceJob, CsvWorkerData, CsvWorkerMessage } from './csvExportWorker.ts';
import { CsvRowRenderer, renderRange, withHeader, splitRange, type CsvFilters } from './csvRows.ts';
import { appendFileTo, writeChunksTo } from './fileOutput.ts';
import { leadSnapshot, snapshotSignal } from './sharedSnapshot.ts';

/**
 * The worker's source, beside this file, or in the bundled Electron app the
 * worker bundle beside the bundle that starts it (launcher/build.ts). Where
 * neither ships, the export renders in one thread.
 */
function workerScript(): string | null {
  const script =
    typeof import.meta.url === 'string'
      ? fileURLToPath(new URL('./csvExportWorker.ts', import.meta.url))
      : typeof __dirname === 'string'
        ? join(__dirname, 'csvExportWorker.cjs')
        : null;
  return script !== null && existsSync(script) ? script : null;
}

export function exportWorkersAvailable(): boolean {
  return workerScript() !== null;
}

/**
 * Splits each table's id range into `threads` slices: this thread renders the
 * first, behind the header, and each worker another, into part files that are
 * then appended in order. Every thread reads through its own connection to one
 * shared snapshot, so the slices agree. The files replace earlier ones only
 * once both are complete.
 */
export async function exportCsvInThreads(
  db: Db,
  files: Record<CsvTable, string>,
  filters: CsvFilters,
  bom: boolean,
  threads: number,
): Promise<Record<CsvTable, number>> {
  const parts = perTable((table) => Array.from({ length: threads }, (_, i) => `${files[table]}.${i === 0 ? 'partial' : `part${i}`}`));
  const signal = snapshotSignal();
  const helpers = Array.from({ length: threads - 1 }, () => startWorker({ file: db.name, signal, filters }));
  let reader: Db | undefined;
  try {
    await Promise.all(helpers.map((helper) => helper.parked));
    reader = leadSnapshot(db.name, signal, helpers.length);
    const renderer = new CsvRowRenderer(reader, filters);
    const slices = perTable((table) => splitRange(renderer.idRange(table), threads));
    helpers.forEach((helper, i) =>
      helper.worker.postMessage(CSV_TABLES.map((table): CsvSliceJob => ({ table, range: slices[table][i + 1]!, file: parts[table][i + 1]! }))),
    );
    const counts = { annotations: 0, links: 0 };
    for (const table of CSV_TABLES) {
      await writeChunksTo(parts[table][0]!, withHeader(table, bom, renderRange(renderer, table, slices[table][0]!, counts)));
    }
    for (const rows of await Promise.all(helpers.map((helper) => helper.done))) {
      for (const table of CSV_TABLES) counts[table] += rows[table];
    }
    for (const table of CSV_TABLES) {
      const [whole, ...rest] = parts[table];
      for (const part of rest) await appendFileTo(whole!, part);
    }
    for (const table of CSV_TABLES) renameSync(parts[table][0]!, files[table]);
    return counts;
  } finally {
    reader?.close();
    await Promise.all(helpers.map((helper) => helper.worker.terminate()));
    for (const table of CSV_TABLES) for (const part of parts[table]) removeLeftover(part);
  }
}

function perTable<T>(make: (table: CsvTable) => T): Record<CsvTable, T> {
  return Object.fromEntries(CSV_TABLES.map((table) => [table, make(table)])) as Record<CsvTable, T>;
}

/** Clears a part file away; failing to is no reason to hide why the export stopped. */
function removeLeftover(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A folder in the way, say: it was not ours to remove.
  }
}

/** A worker, and its two answers: parked on the snapshot, and done with its slices. */
function startWorker(data: CsvWorkerData) {
  const worker = new Worker(workerScript()!, { workerData: data });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a CSV export worker stopped early (exit code ${code})`)));
  });
  const answer = <T extends CsvWorkerMessage['type'], R>(type: T, value: (message: Extract<CsvWorkerMessage, { type: T }>) => R) => {
    const answered = Promise.race([
      failed,
      new Promise<R>((resolve) =>
        worker.on('message', (m: CsvWorkerMessage) => m.type === type && resolve(value(m as Extract<CsvWorkerMessage, { type: T }>))),
      ),
    ]);
    // A failure is awaited where the answer is needed, perhaps only after this thread's own slice: until then it is not unhandled.
    answered.catch(() => {});
    return answered;
  };
  return { worker, parked: answer('parked', () => true), done: answer('done', (message) => message.rows) };
}
