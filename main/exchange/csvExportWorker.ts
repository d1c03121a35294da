/**
 * A worker thread of a parallel CSV export: joins the export's shared
 * snapshot through a connection of its own, then writes the slices of the
 * tables it is given, each to a part file of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeChunksTo } from './fileOutput.ts';
import type { CsvTable } from '../contract/contract.ts';
import { CsvRowRenderer, renderRange, type CsvFilters, type IdRange } from './csvRows.ts';
import { followSnapshot, openFollowerReader } from './sharedSnapshot.ts';

export interface CsvWorkerData {
  file: string;
  signal: Int32Array;
  filters: CsvFilters;
}

export interface CsvSliceJob {
  table: CsvTable;
  range: IdRange | null;
  file: string;
}

export type CsvWorkerMessage = { type: 'parked' } | { type: 'done'; rows: Record<CsvTable, number> };

const { file, signal, filters } = workerData as CsvWorkerData;
const port = parentPort!;
const reader = openFollowerReader(file);
port.postMessage({ type: 'parked' } satisfies CsvWorkerMessage);
followSnapshot(reader, signal);
const renderer = new CsvRowRenderer(reader, filters);

port.once('message', async (jobs: CsvSliceJob[]) => {
  const rows = { annotations: 0, links: 0 };
  for (const job of jobs) await writeChunksTo(job.file, renderRange(renderer, job.table, job.range, rows));
  reader.close();
  port.postMessage({ type: 'done', rows } satisfies CsvWorkerMessage);
});
