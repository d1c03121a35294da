/**
 * The thread PDFs are parsed in. The importer waits for each reply with a time
 * budget and terminates this thread when a file overruns it, so a hostile PDF
 * costs one budget and a restart, never a hung import. Replies go through a
 * port the importer reads synchronously, and a shared flag wakes it.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parsePdf, PdfRefusedError, type PdfLimits } from './pdfParse.ts';

export interface PdfWorkerData {
  flag: Int32Array;
  replies: MessagePort;
}

export interface PdfJob {
  id: number;
  bytes: Uint8Array;
  limits: PdfLimits;
}

export type PdfReply =
  { id: number; ok: true; pdf: Awaited<ReturnType<typeof parsePdf>> } | { id: number; ok: false; refusal: PdfRefusedError['refusal']; message: string };

const { flag, replies } = workerData as PdfWorkerData;

parentPort!.on('message', async (job: PdfJob) => {
  let reply: PdfReply;
  try {
    reply = { id: job.id, ok: true, pdf: await parsePdf(job.bytes, job.limits) };
  } catch (error) {
    const refused = error instanceof PdfRefusedError ? error : new PdfRefusedError('malformed', `it could not be read (${(error as Error).message})`);
    reply = { id: job.id, ok: false, refusal: refused.refusal, message: refused.message };
  }
  replies.postMessage(reply);
  Atomics.store(flag, 0, job.id);
  Atomics.notify(flag, 0);
});
