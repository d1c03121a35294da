import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CrosscheckError } from '../../contract/errors.ts';
import { MAX_TEXT_LENGTH } from '../../contract/contract.ts';
import type { ParsedPdf } from './pdfParse.ts';
import type { PdfJob, PdfReply, PdfWorkerData } from './pdfWorker.ts';

/** What one PDF may cost before it is refused and its thread killed. */
export interface PdfBudget {
  /** Wall time for parsing one file, thread start-up included. */
  timeMs: number;
  /** Heap of the parsing thread; a decompression bomb hits this first. */
  memoryMb: number;
  maxPages: number;
}

/**
 * A 20-page report parses in about 0.1 s once the thread is warm, and the
 * thread's first start (loading pdf.js) took 0.5–1.5 s on the two-core test
 * machine under load (tests/evidence/pdfImport.test.ts, bench:io): 20 s is far
 * above any honest file and still a bounded wait. 512 MB of heap holds pdf.js
 * working on a 10 MiB file; a page limit far above any article refuses the
 * "millions of empty pages" trick before it is walked.
 */
export const DEFAULT_PDF_BUDGET: PdfBudget = { timeMs: 20_000, memoryMb: 512, maxPages: 5_000 };

/** The longest the wait sleeps between looks at the reply port. */
const WAIT_SLICE_MS = 25;

interface Reader {
  worker: Worker;
  replies: MessagePort;
  flag: Int32Array;
  memoryMb: number;
}

let reader: Reader | null = null;
let nextJob = 1;

/**
 * Parses a PDF in the reader thread and waits for it, at most the budget's
 * time. The wait blocks this thread, as every import step does (imports run
 * synchronously inside their transaction's caller), but never longer than the
 * budget: then the reader thread is terminated, and the next PDF starts a new one.
 */
export function readPdf(bytes: Uint8Array, budget: PdfBudget = DEFAULT_PDF_BUDGET): ParsedPdf {
  const current = readerFor(budget.memoryMb);
  const job: PdfJob = { id: nextJob++, bytes, limits: { maxPages: budget.maxPages, maxTextLength: MAX_TEXT_LENGTH } };
  current.worker.postMessage(job);
  const deadline = performance.now() + budget.timeMs;
  let reply: PdfReply | undefined;
  while (!reply) {
    const left = deadline - performance.now();
    if (left <= 0) break;
    // Woken by the reader's flag, or after a short slice in any case: a reply is never left waiting on a missed wake-up.
    Atomics.wait(current.flag, 0, Atomics.load(current.flag, 0), Math.min(left, WAIT_SLICE_MS));
    for (let message = receiveMessageOnPort(current.replies); message; message = receiveMessageOnPort(current.replies)) {
      if ((message.message as PdfReply).id === job.id) reply = message.message as PdfReply;
    }
  }
  if (!reply) {
    stopReader();
    throw new CrosscheckError(
      'unsupported_file',
      `the PDF could not be read within its ${budget.timeMs / 1000} s budget (it may be damaged or built to stall readers); it was stopped and nothing was imported`,
    );
  }
  if (!reply.ok) throw new CrosscheckError('unsupported_file', `the PDF was refused: ${reply.message}`);
  return reply.pdf;
}

/** Ends the reader thread, if one runs; the next PDF starts a new one. */
export function stopReader(): void {
  if (!reader) return;
  void reader.worker.terminate();
  reader.replies.close();
  reader = null;
}

function readerFor(memoryMb: number): Reader {
  if (reader && reader.memoryMb === memoryMb) return reader;
  stopReader();
  const script = workerScript();
  if (!script) throw new CrosscheckError('unsupported_file', 'PDF import needs the PDF reader, which this build of Crosscheck does not include');
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(script, {
    workerData: { flag, replies: port2 } satisfies PdfWorkerData,
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, memoryMb / 4) },
    stdout: true,
    stderr: true,
  });
  // Neither the thread nor its port keeps a finished CLI run alive.
  worker.unref();
  port1.unref();
  // A thread killed for its memory or its budget reports an error event; the wait above already decided what to say.
  worker.on('error', () => {});
  reader = { worker, replies: port1, flag, memoryMb };
  return reader;
}

/** The reader's source beside this file, or in a bundled build the script built beside the bundle. */
function workerScript(): string | null {
  const candidates: string[] = [];
  if (typeof import.meta.url === 'string') candidates.push(fileURLToPath(new URL('./pdfWorker.ts', import.meta.url)));
  if (typeof __dirname === 'string') candidates.push(join(__dirname, 'pdfWorker.mjs'));
  return candidates.find((path) => existsSync(path)) ?? null;
}
