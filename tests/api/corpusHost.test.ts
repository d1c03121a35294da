import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startCorpusHost, type CorpusHost } from '../../main/api/corpusHost.ts';
import type { CorpusWorkerData, FromWorker } from '../../main/api/corpusHostProtocol.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Result } from '../../main/contract/contract.ts';
import { createDownloads } from '../../main/api/downloads.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const WORKER = fileURLToPath(new URL('../../main/api/corpusHostWorker.ts', import.meta.url));
const INTERRUPTIBLE_WORKER = fileURLToPath(new URL('./fixtures/interruptibleCorpusWorker.ts', import.meta.url));

const hosts: CorpusHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
}, 30_000);

async function host(path: string, options: Partial<Parameters<typeof startCorpusHost>[0]> = {}): Promise<CorpusHost> {
  const started = await startCorpusHost({ dbPath: path, actor: 'ana', onWorkerLost: () => undefined, ...options });
  hosts.push(started);
  return started;
}

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

const importText = (text: string, fileName = 'report.txt') => ({ fileName, contentBase64: Buffer.from(text).toString('base64') });

const REPORT = 'Harbour chief Mirela Osei said the northern ferry line would stay suspended for two weeks after the storm.';

/**
 * One host for the tests that need only the real worker: starting a worker loads the whole
 * request graph (seconds on a loaded machine), so these share one corpus and say nothing
 * that depends on another test's writes.
 */
let shared: { host: CorpusHost; path: string; dir: string } | null = null;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-test-'));
  const path = join(dir, 'corpus.sqlite');
  openDatabase(path).close();
  shared = { host: await startCorpusHost({ dbPath: path, actor: 'ana', onWorkerLost: () => undefined }), path, dir };
}, 60_000);
afterAll(async () => {
  await shared?.host.close();
  if (shared) rmSync(shared.dir, { recursive: true, force: true });
}, 30_000);
const sharedHost = () => shared!.host;

describe('the corpus host answers the contract from worker threads', { timeout: 90_000 }, () => {
  it('stores through the writer and reads the stored article back through the reader', async () => {
    const corpus = sharedHost();
    const before = value<{ total: number }>(await corpus.dispatch('articles.page', { offset: 0, limit: 10 })).total;
    const stored = value<{ status: string; articleId: number }>(await corpus.dispatch('articles.import', importText(`${REPORT} First.`, 'first.txt')));
    expect(stored.status).toBe('imported');
    const article = value<{ text: string }>(await corpus.dispatch('articles.get', { id: stored.articleId }));
    expect(article.text).toBe(`${REPORT} First.`);
    const page = value<{ total: number }>(await corpus.dispatch('articles.page', { offset: 0, limit: 10 }));
    expect(page.total).toBe(before + 1);
  });

  it('refuses a request the contract refuses, with the contract’s own words, and an unknown request as not found', async () => {
    const corpus = sharedHost();
    const invalid = await corpus.dispatch('articles.get', { id: 'seven' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!invalid.ok && invalid.error.message).toMatch(/Invalid articles\.get request: id/);
    expect(await corpus.dispatch('articles.explode', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await corpus.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses an input that cannot be sent to a worker and goes on answering', async () => {
    const corpus = sharedHost();
    const refused = await corpus.dispatch('articles.get', { id: 1, call: () => 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(/cannot be sent to the corpus/);
    expect(value(await corpus.dispatch('history.state', {}))).toMatchObject({ undo: null, redo: null });
  });

  it('parses a raw request body in the worker and refuses one that is not JSON', async () => {
    const corpus = sharedHost();
    const stored = value<{ status: string }>(
      await corpus.dispatchBody('articles.import', Buffer.from(JSON.stringify(importText(`${REPORT} Body.`, 'body.txt')))),
    );
    expect(stored.status).toBe('imported');
    expect(await corpus.dispatchBody('articles.import', Buffer.from('{"fileName": "a.txt", '))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The request body is not valid JSON.' },
    });
  });

  it('hands a listed read that has to write to the writer, which answers it', async () => {
    const corpus = sharedHost();
    const { articleId } = value<{ articleId: number }>(await corpus.dispatch('articles.import', importText(`${REPORT} Grouped.`, 'grouped.txt')));
    value(await corpus.dispatch('annotations.create', { articleId, start: 0, end: 13, tag: 'claim' }));
    // The reader's connection refuses every write; whatever the request writes first, the answer is the writer's.
    const groups = await corpus.dispatch('review.groupsPage', { offset: 0, limit: 25 });
    expect(groups.ok).toBe(true);
  });

  it('answers reads while the writer is held by a long request', async () => {
    const { path } = tempCorpus();
    const corpus = await host(path, { workerScript: INTERRUPTIBLE_WORKER, writerBudgetMs: 20_000 });
    let hangAnswered = false;
    const hang = corpus.dispatch('test.hang', {}).then((result) => ((hangAnswered = true), result));
    const probes: Array<Result<unknown>> = [];
    for (let i = 0; i < 5; i++) probes.push(await corpus.dispatch('history.state', {}));
    expect(probes.every((probe) => probe.ok)).toBe(true);
    expect(hangAnswered).toBe(false);
    await corpus.close();
    expect(await hang).toMatchObject({ ok: false, error: { code: 'busy' } });
  });
});

describe('a corpus worker that dies or hangs', { timeout: 90_000 }, () => {
  it('answers the waiting request with a clear error, starts a new worker and keeps every answered write', async () => {
    const { path } = tempCorpus();
    const lost: string[] = [];
    const corpus = await host(path, { workerScript: INTERRUPTIBLE_WORKER, onWorkerLost: (role) => lost.push(role) });
    const first = value<{ articleId: number }>(await corpus.dispatch('articles.import', importText(REPORT)));
    const crashed = await corpus.dispatch('test.crash', {});
    expect(crashed).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(!crashed.ok && crashed.error.message).toMatch(/corpus worker \(writer\) it stopped \(exit code 3\) before answering; Crosscheck started it again/);
    expect(lost).toEqual(['writer']);
    expect(corpus.restarts().writer).toBe(1);
    const second = value<{ status: string }>(await corpus.dispatch('articles.import', importText(`${REPORT} Ferries resumed.`, 'later.txt')));
    expect(second.status).toBe('imported');
    expect(value<{ text: string }>(await corpus.dispatch('articles.get', { id: first.articleId })).text).toBe(REPORT);
  }, 90_000);

  it('stops a writer that holds the corpus past its budget, releases its lock and writes again', async () => {
    const { path } = tempCorpus();
    const corpus = await host(path, { workerScript: INTERRUPTIBLE_WORKER, writerBudgetMs: 5_000 });
    const before = value<{ articleId: number }>(await corpus.dispatch('articles.import', importText(REPORT)));
    const hung = await corpus.dispatch('test.hang', {});
    expect(hung).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(!hung.ok && hung.error.message).toMatch(/did not answer test\.hang within 5 s and was stopped/);
    const after = value<{ status: string }>(await corpus.dispatch('articles.import', importText(`${REPORT} Ferries resumed.`, 'later.txt')));
    expect(after.status).toBe('imported');
    expect(value<{ total: number }>(await corpus.dispatch('articles.page', { offset: 0, limit: 10 })).total).toBe(2);
    expect(value<{ text: string }>(await corpus.dispatch('articles.get', { id: before.articleId })).text).toBe(REPORT);
  }, 90_000);

  it('refuses every request with the reason when the corpus cannot be opened', async () => {
    const { path, db } = tempCorpus();
    db.close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'this is not a corpus, just words in a file that is long enough to have a header');
    await expect(startCorpusHost({ dbPath: path, actor: 'ana', onWorkerLost: () => undefined })).rejects.toMatchObject({ code: 'not_a_database' });
  });
});

describe('the corpus worker’s side of the protocol', { timeout: 90_000 }, () => {
  it('answers a message that does not fit the protocol with a protocol error, and goes on answering', async () => {
    const { path } = tempCorpus();
    const worker = new Worker(WORKER, { workerData: { role: 'reader', dbPath: path, actor: 'ana' } satisfies CorpusWorkerData });
    const messages: FromWorker[] = [];
    const next = () => new Promise<FromWorker>((resolve) => worker.once('message', (m: FromWorker) => (messages.push(m), resolve(m))));
    try {
      expect(await next()).toEqual({ type: 'ready' });
      worker.postMessage({ type: 'call', id: 'one', method: 'history.state' });
      expect(await next()).toMatchObject({ type: 'protocol-error', id: null });
      worker.postMessage({ type: 'launch', id: 7 });
      expect(await next()).toMatchObject({ type: 'protocol-error', id: 7 });
      worker.postMessage({ type: 'pull', id: 8 });
      expect(await next()).toMatchObject({ type: 'protocol-error', id: 8, message: 'There is no download 8 to continue.' });
      worker.postMessage({ type: 'call', id: 9, method: 'history.state', input: {} });
      expect(await next()).toMatchObject({ type: 'answer', id: 9, result: { ok: true } });
    } finally {
      await worker.terminate();
    }
  });
});

describe('long jobs through the host', { timeout: 90_000 }, () => {
  it('cancels a suggestion refresh job before its next slice', async () => {
    const { path, db } = tempCorpus();
    const words = REPORT.split(' ');
    for (let a = 0; a < 6; a++) {
      const text = `${REPORT} Report ${a} of the harbour closure, with the ferry line and the storm named again.`;
      const { articleId } = insertArticle(db, { text, title: `Report ${a}`, outlet: `Outlet ${a}`, url: null, published: null, fileName: null }, 'ana');
      let at = 0;
      for (const word of words) {
        const start = text.indexOf(word, at);
        at = start + word.length;
        createAnnotation(db, { articleId, start, end: at, tag: 'claim' }, 'ana');
      }
    }
    const corpus = await host(path);
    const job = value<{ id: number }>(await corpus.dispatch('jobs.start', { kind: 'suggestions.refresh' }));
    value(await corpus.dispatch('jobs.cancel', { id: job.id }));
    let status = value<{ state: string; done: number; total: number }>(await corpus.dispatch('jobs.status', { id: job.id }));
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = value(await corpus.dispatch('jobs.status', { id: job.id }));
    }
    expect(status.state).toBe('cancelled');
    expect(status.done).toBeLessThan(6 * words.length);
  });

  it('runs a refresh job to the end in the refresher’s thread, answering status and writes while it runs', async () => {
    const { path, db } = tempCorpus();
    for (let a = 0; a < 4; a++) {
      const text = `${REPORT} Report ${a} of the harbour closure.`;
      const { articleId } = insertArticle(db, { text, title: `Report ${a}`, outlet: `Outlet ${a}`, url: null, published: null, fileName: null }, 'ana');
      createAnnotation(db, { articleId, start: 0, end: REPORT.indexOf(' said'), tag: 'attribution' }, 'ana');
      createAnnotation(db, { articleId, start: REPORT.indexOf('the northern'), end: REPORT.length - 1, tag: 'claim' }, 'ana');
    }
    const corpus = await host(path);
    const job = value<{ id: number }>(await corpus.dispatch('jobs.start', { kind: 'suggestions.refresh' }));
    const { articleId } = value<{ articleId: number }>(await corpus.dispatch('articles.import', importText(`${REPORT} Imported meanwhile.`, 'meanwhile.txt')));
    value(await corpus.dispatch('annotations.create', { articleId, start: 0, end: 13, tag: 'claim' }));
    const finished = async (id: number) => {
      let status = value<{ state: string; done: number; total: number }>(await corpus.dispatch('jobs.status', { id }));
      while (status.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = value(await corpus.dispatch('jobs.status', { id }));
      }
      return status;
    };
    const status = await finished(job.id);
    expect(status).toMatchObject({ state: 'done' });
    expect(status.done).toBeGreaterThanOrEqual(8);
    // Whatever the first job found still waiting at its end, a second one leaves nothing waiting.
    expect(await finished(value<{ id: number }>(await corpus.dispatch('jobs.start', { kind: 'suggestions.refresh' })).id)).toMatchObject({ state: 'done' });
    expect(value<{ pending: number }>(await corpus.dispatch('suggestions.page', { limit: 50 })).pending).toBe(0);
  });
});

describe('downloads from the exporter', { timeout: 90_000 }, () => {
  it('streams the Web Annotation export as the serving thread would make it', async () => {
    const corpus = sharedHost();
    const { articleId } = value<{ articleId: number }>(await corpus.dispatch('articles.import', importText(`${REPORT} Exported.`, 'exported.txt')));
    value(await corpus.dispatch('annotations.create', { articleId, start: 0, end: 13, tag: 'claim' }));
    const db = openDatabase(shared!.path, { checkTexts: false });
    onTestFinished(() => void db.close());
    const download = value<{ fileName: string; chunks: AsyncIterable<string> }>(await corpus.downloads('/export/annotations.jsonld', new URLSearchParams()));
    expect(download.fileName).toBe('annotations.jsonld');
    let text = '';
    for await (const chunk of download.chunks) text += chunk;
    const here = createDownloads(db, 'ana')('/export/annotations.jsonld', new URLSearchParams());
    let expected = '';
    for await (const chunk of value<{ chunks: AsyncIterable<string> }>(here).chunks) expected += chunk;
    const withoutTime = (json: string) => json.replace(/"generated":"[^"]+"/, '');
    expect(withoutTime(text)).toBe(withoutTime(expected));
    expect(JSON.parse(text).first.items.length).toBeGreaterThan(0);
  });

  it('refuses an unknown download address and goes on after a reader that stopped early', async () => {
    const corpus = sharedHost();
    expect(await corpus.downloads('/export/everything.zip', new URLSearchParams())).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await corpus.downloads('/export/links.csv', new URLSearchParams('colour=red'))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const first = value<{ chunks: AsyncIterable<string> }>(await corpus.downloads('/export/links.csv', new URLSearchParams()));
    for await (const chunk of first.chunks) {
      expect(chunk).toMatch(/^link_id|^\uFEFF?[a-z_]+,/);
      break;
    }
    const second = value<{ chunks: AsyncIterable<string> }>(await corpus.downloads('/export/annotations.csv', new URLSearchParams()));
    let text = '';
    for await (const chunk of second.chunks) text += chunk;
    expect(text.split('\n')[0]).toMatch(/annotation/);
  });
});
