import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { sha256OfBytes } from '../../main/corpus/capturedSources.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { exportWebAnnotations, importWebAnnotations } from '../../main/exchange/webAnnotation.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Port reopens</title><script>alert(1)</script></head>
<body><nav>Home</nav><article><h1>Port reopens after storm</h1>
<p>The harbour authority said on Monday that the port would reopen to container ships after three days of closure caused by the storm.</p>
<p>Officials added that smaller vessels had already resumed their routes and that inspections of the quays would continue all week.</p>
</article></body></html>`;

function dispatcher() {
  const { db } = tempCorpus();
  return { db, dispatch: createDispatch(createHandlers({ db, actor: 'ana' }), () => {}) };
}
const base64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

describe('the source as captured', () => {
  it('keeps the bytes of an imported page exactly, with their sha256, size, media type and capture time', () => {
    const { dispatch } = dispatcher();
    const bytes = new TextEncoder().encode(PAGE);
    const before = new Date().toISOString();
    const imported = dispatch('articles.import', { fileName: 'port.html', contentBase64: base64(bytes) });
    expect(imported).toMatchObject({ ok: true, value: { status: 'imported', articleId: 1 } });
    const source = dispatch('articles.source', { id: 1 });
    expect(source).toEqual({
      ok: true,
      value: {
        articleId: 1,
        sha256: sha256OfBytes(bytes),
        size: bytes.byteLength,
        mediaType: 'text/html',
        fileName: 'port.html',
        capturedAt: expect.any(String),
        address: null,
        httpDate: null,
      },
    });
    expect((source as { value: { capturedAt: string } }).value.capturedAt >= before).toBe(true);
    const content = dispatch('articles.sourceContent', { id: 1 }) as { ok: true; value: { contentBase64: string } };
    // The script the extracted text dropped is still in the capture: it is the page as it arrived.
    expect(Buffer.from(content.value.contentBase64, 'base64').toString('utf8')).toBe(PAGE);
  });

  it('keeps a text file byte for byte, CRLF and byte-order mark included, though the text is normalised', () => {
    const { db } = tempCorpus();
    const bytes = new TextEncoder().encode('\uFEFFLine one\r\nLine two\r\n');
    const result = importContent(db, 'notes.md', bytes, 'ana');
    const row = db.prepare('SELECT bytes, media_type AS mediaType, size FROM article_sources WHERE article_id = ?').get(result.articleId) as {
      bytes: Buffer;
      mediaType: string;
      size: number;
    };
    expect(Buffer.compare(row.bytes, Buffer.from(bytes))).toBe(0);
    expect(row).toMatchObject({ mediaType: 'text/markdown', size: bytes.byteLength });
    expect(db.prepare('SELECT text FROM articles').pluck().get()).toBe('Line one\nLine two\n');
  });

  it('records the address and HTTP date of a page fetched from the web', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'port.html', new TextEncoder().encode(PAGE), 'ana', {
      address: 'https://example.org/port',
      httpDate: 'Mon, 05 Dec 2022 10:00:00 GMT',
    });
    expect(db.prepare('SELECT address, http_date AS httpDate FROM article_sources WHERE article_id = ?').get(result.articleId)).toEqual({
      address: 'https://example.org/port',
      httpDate: 'Mon, 05 Dec 2022 10:00:00 GMT',
    });
  });

  it('names the captured hash in the event log, so a capture swapped for other bytes disagrees with the log', () => {
    const { db } = tempCorpus();
    const bytes = new TextEncoder().encode('A short note on the storm.\n');
    const { articleId } = importContent(db, 'note.txt', bytes, 'ana');
    const capture = listEvents(db, 'article', articleId).find((e) => e.action === 'article.capture');
    expect(capture?.data).toMatchObject({ sha256: sha256OfBytes(bytes), size: bytes.byteLength, mediaType: 'text/plain' });
  });

  it('keeps nothing for a file that fails or for a duplicate of an article already here', () => {
    const { db } = tempCorpus();
    importContent(db, 'bad.txt', new Uint8Array([0x63, 0x00]), 'ana');
    expect(db.prepare('SELECT count(*) FROM article_sources').pluck().get()).toBe(0);
    importContent(db, 'a.txt', new TextEncoder().encode('same text\n'), 'ana');
    expect(importContent(db, 'b.txt', new TextEncoder().encode('same text\r\n'), 'ana').status).toBe('duplicate');
    expect(db.prepare('SELECT file_name FROM article_sources').pluck().all()).toEqual(['a.txt']);
  });

  it('answers null for an article without a capture, not_found for bytes it does not have and for a missing article', () => {
    const { db, dispatch } = dispatcher();
    importWebAnnotations(db, JSON.stringify(minimalCollection()), 'bo');
    expect(dispatch('articles.source', { id: 1 })).toEqual({ ok: true, value: null });
    expect(dispatch('articles.sourceContent', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/no captured source/) },
    });
    expect(dispatch('articles.source', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('names the captured hash in the Web Annotation export, and the export still imports elsewhere', async () => {
    const { db } = tempCorpus();
    const bytes = new TextEncoder().encode(PAGE);
    importContent(db, 'port.html', bytes, 'ana', { address: 'https://example.org/port', httpDate: 'Mon, 05 Dec 2022 10:00:00 GMT' });
    const file = join(tempDir(), 'work.json');
    await exportWebAnnotations(db, file);
    const json = readFileSync(file, 'utf8');
    expect(JSON.parse(json)['crosscheck:articles'][0]['crosscheck:captured']).toEqual({
      sha256: sha256OfBytes(bytes),
      size: bytes.byteLength,
      mediaType: 'text/html',
      captured: expect.any(String),
      address: 'https://example.org/port',
      httpDate: 'Mon, 05 Dec 2022 10:00:00 GMT',
    });
    expect(importWebAnnotations(tempCorpus().db, json, 'bo').articles.added).toBe(1);
  });
});

function minimalCollection() {
  const text = 'Merged from another analyst.';
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { crosscheck: 'urn:crosscheck:terms:' }],
    type: 'AnnotationCollection',
    'crosscheck:format': 1,
    'crosscheck:articles': [
      {
        id: `urn:sha256:${sha256OfBytes(new TextEncoder().encode(text))}`,
        type: 'Text',
        title: null,
        'crosscheck:outlet': null,
        'crosscheck:url': null,
        'crosscheck:published': null,
        'crosscheck:fileName': null,
        'crosscheck:imported': '2022-12-09T00:00:00Z',
        value: text,
      },
    ],
    first: { type: 'AnnotationPage', items: [] },
  };
}
