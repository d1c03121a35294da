/**
 * npm run bench:io [-- --quick] [-- --pdf-only]
 * Export of 1,000,000 annotations to CSV (wall time and peak RSS of the
 * exporting process), import of 10,000 article files and of 100 PDFs of 20
 * pages each, and the time a hostile PDF holds an import. --quick runs a tenth
 * of each, for a smoke check; only full runs count against the targets.
 * --pdf-only runs the PDF part alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../main/corpus/database.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { verifyCorpus } from '../../main/corpus/integrity.ts';
import { readPdf, stopReader } from '../../main/ingest/pdf/pdfReader.ts';
import { textPage, writePdf } from '../helpers/pdfWriter.ts';
import { generateLongArticle } from './longArticle.ts';
import { writeArticleFiles } from './articleFiles.ts';
import { buildExportCorpus } from './ioCorpus.ts';
import { median, reportFigures, type Figure } from './report.ts';

const quick = process.argv.includes('--quick');
const pdfOnly = process.argv.includes('--pdf-only');
const scale = quick ? 0.1 : 1;
const ANNOTATIONS = 1_000_000 * scale;
const ARTICLES_WITH_ANNOTATIONS = 1_000 * scale;
const IMPORT_FILES = 10_000 * scale;
const PDF_FILES = 100 * scale;
const PDF_PAGES = 20;
/** The budget the hostile PDF is read under: the bench shows the import gets its thread back when it runs out. */
const HOSTILE_BUDGET_MS = 2_000;
/** Export runs per format: the machines are shared, so the median of several stands for the exporter. */
const EXPORT_RUNS = quick ? 1 : 3;
const work = mkdtempSync(join(tmpdir(), 'crosscheck-bench-io-'));

type ExportRun = { ms: number; cpuMs: number; maxRssMb: number; threads: number };

/** EXPORT_RUNS exports, each in a fresh process writing to a fresh place: medians of time and CPU, the highest peak RSS. */
function exportRuns(format: 'csv' | 'json', db: string, out: (run: number) => string) {
  const child = fileURLToPath(new URL('./ioExportChild.ts', import.meta.url));
  const runs = Array.from(
    { length: EXPORT_RUNS },
    (_, run) => JSON.parse(execFileSync(process.execPath, [child, format, db, out(run)], { encoding: 'utf8' })) as ExportRun,
  );
  const seconds = runs.map((r) => r.ms / 1000);
  return {
    seconds: { value: median(seconds), median: median(seconds), runs: runs.length, basis: 'median' as const },
    cpuSeconds: median(runs.map((r) => r.cpuMs / 1000)),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    threads: runs[0]!.threads,
    all: seconds.map((s) => s.toFixed(2)).join(', '),
  };
}

/** PDF_FILES distinct reports of PDF_PAGES pages, about 350 words a page, contents compressed as producers do. */
function writePdfFiles(folder: string): number {
  mkdirSync(folder);
  let bytes = 0;
  for (let i = 0; i < PDF_FILES; i++) {
    const pages = Array.from({ length: PDF_PAGES }, (_, p) =>
      textPage(generateLongArticle({ words: 350, spans: 1, seed: 500_000 + i * PDF_PAGES + p }).text.split('\n\n')),
    );
    const pdf = writePdf(pages, {
      compress: true,
      info: { title: `Report ${i} on drones and support`, author: `Office ${i % 7}`, creationDate: 'D:20221209' },
    });
    bytes += pdf.byteLength;
    writeFileSync(join(folder, `${i}.pdf`), pdf);
  }
  return bytes;
}

function benchPdfImport(figures: Figure[], notes: string[]): void {
  const folder = join(work, 'pdfs');
  const bytes = writePdfFiles(folder);
  const db = openDatabase(join(work, 'pdf.sqlite'));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = importPaths(db, [folder], 'bench');
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const pages = db.prepare('SELECT count(*) FROM article_pages').pluck().get() as number;
  db.close();
  const imported = results.filter((r) => r.status === 'imported').length;
  if (imported !== PDF_FILES) notes.push(`only ${imported} of ${PDF_FILES} PDFs imported: ${JSON.stringify(results.find((r) => r.status !== 'imported'))}`);
  figures.push(
    { name: `import of ${PDF_FILES} PDFs of ${PDF_PAGES} pages`, unit: 's', value: seconds, basis: 'single' },
    { name: 'PDF pages imported per second', unit: 'per s', value: pages / seconds, basis: 'single' },
    { name: 'CPU time of the PDF import (this thread; the reader thread is not counted)', unit: 's', value: (cpu.user + cpu.system) / 1e6, basis: 'single' },
  );
  notes.push(`${PDF_FILES} PDFs, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${pages} pages stored`);
  // A million tiny text operators: a reader would be busy for minutes.
  const hostile = writePdf([{ rawContent: `BT /F1 1 Tf ${'(a) Tj 0.01 0 Td '.repeat(1_000_000)}ET` }], { compress: true });
  const hostileStarted = performance.now();
  let refusal = 'not refused';
  try {
    readPdf(hostile, { timeMs: HOSTILE_BUDGET_MS, memoryMb: 512, maxPages: 5_000 });
  } catch (error) {
    refusal = (error as Error).message;
  }
  figures.push({
    name: `hostile PDF held the import (budget ${HOSTILE_BUDGET_MS / 1000} s)`,
    unit: 's',
    value: (performance.now() - hostileStarted) / 1000,
    basis: 'single',
    target: { op: '<=', value: HOSTILE_BUDGET_MS / 1000 + 0.5 },
  });
  notes.push(`hostile PDF: ${refusal}`);
  stopReader();
}

try {
  const figures: Figure[] = [];
  const notes: string[] = [];
  if (pdfOnly) {
    benchPdfImport(figures, notes);
    reportFigures('bench:io', figures, notes);
    process.exit(0);
  }
  // Import first: the export phase leaves a gigabyte of dirty pages whose write-back would slow the import's disk syncs.
  const files = join(work, 'files');
  writeArticleFiles(files, IMPORT_FILES);
  const db = openDatabase(join(work, 'import.sqlite'));
  let started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = importPaths(db, [files], 'bench');
  const importSeconds = (performance.now() - started) / 1000;
  const importCpu = process.cpuUsage(cpuBefore);
  // What opening the corpus adds: the quick integrity check (chain links, newest events, every article's text).
  started = performance.now();
  const quickCheck = verifyCorpus(db, { full: false });
  const quickSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  verifyCorpus(db, { full: true });
  const fullSeconds = (performance.now() - started) / 1000;
  if (!quickCheck.ok) notes.push(`integrity check failed: ${JSON.stringify(quickCheck.problems[0])}`);
  db.close();
  const imported = results.filter((r) => r.status === 'imported').length;
  if (imported !== IMPORT_FILES)
    notes.push(`only ${imported} of ${IMPORT_FILES} files imported: ${JSON.stringify(results.find((r) => r.status !== 'imported'))}`);
  figures.push(
    {
      name: `import of ${IMPORT_FILES} article files (a tenth HTML)`,
      unit: 's',
      value: importSeconds,
      basis: 'single',
      ...(quick ? {} : { target: { op: '<=', value: 15 } }),
    },
    { name: 'CPU time of the import', unit: 's', value: (importCpu.user + importCpu.system) / 1e6, basis: 'single' },
    { name: `quick integrity check of ${IMPORT_FILES} articles (run on open and backup)`, unit: 's', value: quickSeconds, basis: 'single' },
    { name: 'full integrity check (crosscheck verify)', unit: 's', value: fullSeconds, basis: 'single' },
  );

  benchPdfImport(figures, notes);

  const corpus = join(work, 'export.sqlite');
  started = performance.now();
  buildExportCorpus(corpus, ANNOTATIONS, ARTICLES_WITH_ANNOTATIONS);
  notes.push(`corpus of ${ANNOTATIONS} annotations built in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured)`);
  const csv = exportRuns('csv', corpus, (run) => join(work, `csv-${run}`));
  figures.push(
    { name: `CSV export of ${ANNOTATIONS} annotations`, unit: 's', ...csv.seconds, ...(quick ? {} : { target: { op: '<=', value: 5 } }) },
    { name: 'peak RSS of the exporting process', unit: 'MB', value: csv.maxRssMb, basis: 'peak', ...(quick ? {} : { target: { op: '<=', value: 300 } }) },
    { name: 'CPU time of the CSV export, all threads', unit: 's', value: csv.cpuSeconds, basis: 'median' },
  );
  notes.push(`CSV export runs: ${csv.all} s, on ${csv.threads} thread(s)`);
  const json = exportRuns('json', corpus, (run) => join(work, `export-${run}.json`));
  figures.push(
    { name: `Web Annotation export of ${ANNOTATIONS} annotations`, unit: 's', ...json.seconds },
    { name: 'peak RSS of the Web Annotation export', unit: 'MB', value: json.maxRssMb, basis: 'peak' },
  );
  // The machines this runs on are shared: the load says how much of the wall time was waiting for a core.
  notes.push(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  if (quick) notes.push('--quick: a tenth of the sizes; targets apply to full runs only');
  reportFigures('bench:io', figures, notes);
} finally {
  rmSync(work, { recursive: true, force: true });
}
