import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticle } from '../../main/corpus/articles.ts';
import { captureOf } from '../../main/corpus/capturedSources.ts';
import { importFromUrl } from '../../main/ingest/urlImport.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';
import { textPage, writePdf } from '../helpers/pdfWriter.ts';

const BODY =
  'The harbour authority said on Monday that the port would reopen to container ships after three days of closure caused by the storm, and that inspections would continue.';
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:title" content="Port reopens"><meta property="og:site_name" content="Harbour News"></head>
<body><article><h1>Port reopens</h1><p>${BODY}</p><p>${BODY.replace('Monday', 'Tuesday')}</p></article><script>steal()</script></body></html>`;
const PDF = writePdf([textPage([BODY])], { info: { title: 'Port notice' } });

let server: Server;
let base: string;
const held: Array<() => void> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const date = 'Mon, 05 Dec 2022 10:00:00 GMT';
    switch (request.url) {
      case '/story':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', date });
        return response.end(PAGE);
      case '/old-story':
        response.writeHead(301, { location: '/story' });
        return response.end();
      case '/notice':
        response.writeHead(200, { 'content-type': 'application/pdf', date });
        return response.end(Buffer.from(PDF));
      case '/huge-declared':
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
        return response.end();
      case '/huge-streamed': {
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        let sent = 0;
        const more = () => {
          while (sent < 40 && response.write(chunk)) sent++;
          if (sent >= 40) response.end();
          else response.once('drain', () => (sent++, more()));
        };
        return more();
      }
      case '/stall':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><body>');
        held.push(() => response.end());
        return;
      default:
        response.writeHead(404, { 'content-type': 'text/plain' });
        return response.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  held.forEach((end) => end());
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('import from a web address', () => {
  it('fetches a page, extracts the article with Readability, and keeps the bytes with the address and HTTP date', async () => {
    const { db } = tempCorpus();
    const result = await importFromUrl(db, `${base}/story`, 'ana');
    expect(result).toMatchObject({ status: 'imported', file: `${base}/story` });
    const article = getArticle(db, result.articleId!);
    expect(article).toMatchObject({ title: 'Port reopens', outlet: 'Harbour News', url: `${base}/story` });
    expect(article.text).toContain(BODY);
    expect(article.text).not.toContain('steal');
    expect(captureOf(db, article.id)).toMatchObject({
      mediaType: 'text/html',
      address: `${base}/story`,
      httpDate: 'Mon, 05 Dec 2022 10:00:00 GMT',
      size: Buffer.byteLength(PAGE),
    });
  });

  it('follows a redirect and records the address the page finally came from', async () => {
    const { db } = tempCorpus();
    const result = await importFromUrl(db, `${base}/old-story`, 'ana');
    expect(result).toMatchObject({ status: 'imported', file: `${base}/story` });
  });

  it('reads a PDF by the type the server declares', async () => {
    const { db } = tempCorpus();
    const result = await importFromUrl(db, `${base}/notice`, 'ana');
    expect(getArticle(db, result.articleId!)).toMatchObject({ title: 'Port notice', text: BODY });
    expect(captureOf(db, result.articleId!)?.mediaType).toBe('application/pdf');
  }, 60_000);

  it.each([
    ['an error status', '/missing', /answered 404/],
    ['a page declared over the size limit', '/huge-declared', /over the 10 MiB limit/],
    ['a page that turns out over the size limit', '/huge-streamed', /over the 10 MiB limit/],
  ])('refuses %s, storing nothing', async (_what, path, reason) => {
    const { db } = tempCorpus();
    expect(await importFromUrl(db, `${base}${path}`, 'ana')).toEqual({ file: `${base}${path}`, status: 'failed', reason: expect.stringMatching(reason) });
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
  });

  it('gives up on a server that stalls, at the time limit', async () => {
    const { db } = tempCorpus();
    const started = performance.now();
    const result = await importFromUrl(db, `${base}/stall`, 'ana', { timeMs: 1000, maxBytes: 1024 * 1024 });
    expect(result.reason).toMatch(/no complete answer within 1 s/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('says the machine may be offline when nothing answers', async () => {
    const { db } = tempCorpus();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await importFromUrl(db, `http://127.0.0.1:${port}/story`, 'ana')).reason).toMatch(
      /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): this machine may be offline/,
    );
  });

  it('fetches only http and https addresses', async () => {
    const { db } = tempCorpus();
    expect((await importFromUrl(db, 'file:///etc/passwd', 'ana')).reason).toMatch(/only http and https/);
    expect((await importFromUrl(db, 'javascript:alert(1)', 'ana')).reason).toMatch(/only http and https/);
    expect((await importFromUrl(db, 'not a url', 'ana')).reason).toMatch(/not a web address/);
  });
});
