import { describe, expect, it } from 'vitest';
import { contract } from '../../main/contract/contract.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { listArticles } from '../../main/corpus/articles.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function dispatcher() {
  const { db } = tempCorpus();
  return { db, dispatch: createDispatch(createHandlers({ db, actor: 'ana' }), () => {}) };
}
const base64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

describe('articles.import: one file sent by the app', () => {
  it('imports a file sent as name and base64 bytes, then reports the same file as a duplicate', () => {
    const { dispatch } = dispatcher();
    const request = { fileName: 'kirby.txt', contentBase64: base64('Kirby said Russia offers Iran support.\n') };
    expect(dispatch('articles.import', request)).toEqual({ ok: true, value: { file: 'kirby.txt', status: 'imported', articleId: 1 } });
    expect(dispatch('articles.import', request)).toEqual({ ok: true, value: { file: 'kirby.txt', status: 'duplicate', articleId: 1 } });
  });

  it.each([
    ['a binary file', 'photo.txt', new Uint8Array([0x89, 0x50, 0x00, 0x47]), /binary/],
    ['invalid UTF-8', 'latin.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), /not valid UTF-8/],
    ['an empty file', 'empty.md', new Uint8Array([0x20, 0x0a]), /empty/],
    ['an unsupported type', 'report.docx', new TextEncoder().encode('PK\u0003\u0004'), /unsupported file type \.docx/],
  ])('reports %s as failed with its reason and stores nothing', (_what, fileName, bytes, reason) => {
    const { db, dispatch } = dispatcher();
    const result = dispatch('articles.import', { fileName, contentBase64: base64(bytes) });
    expect(result).toEqual({ ok: true, value: { file: fileName, status: 'failed', reason: expect.stringMatching(reason) } });
    expect(listArticles(db)).toEqual([]);
  });

  it('refuses a file over the 10 MiB limit before decoding it', () => {
    const { dispatch } = dispatcher();
    const result = dispatch('articles.import', { fileName: 'huge.txt', contentBase64: 'A'.repeat(14_000_000) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/over the 10 MiB limit/) } });
  });

  it('refuses content that is not base64', () => {
    const { dispatch } = dispatcher();
    expect(dispatch('articles.import', { fileName: 'a.txt', contentBase64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('articles.updateMetadata', () => {
  it('changes only the fields given, clears a field set to null, and logs before and after', () => {
    const { db, dispatch } = dispatcher();
    dispatch('articles.import', { fileName: 'kirby.txt', contentBase64: base64('Kirby said Russia offers Iran support.\n') });
    const result = dispatch('articles.updateMetadata', {
      id: 1,
      title: 'Kirby briefing',
      outlet: 'Example Wire',
      url: 'https://example.test/kirby',
      published: '2022-12-09',
    });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(contract['articles.updateMetadata'].output.parse(result.value)).toMatchObject({
        title: 'Kirby briefing',
        outlet: 'Example Wire',
        published: '2022-12-09',
      });
    dispatch('articles.updateMetadata', { id: 1, url: null });
    expect(listArticles(db)[0]).toMatchObject({ title: 'Kirby briefing', url: null });
    const events = listEvents(db, 'article', 1).filter((e) => e.action === 'article.update');
    expect(events.map((e) => (e.data as { after: { url: string | null } }).after.url)).toEqual(['https://example.test/kirby', null]);
  });

  it.each([
    [{ id: 1, published: '9 Dec 2022' }, /published: expected a date as YYYY-MM-DD/],
    [{ id: 1, url: 'javascript:alert(1)' }, /url: expected an http or https address/],
    [{ id: 1, title: '   ' }, /title/],
    [{ id: 1 }, /at least one of title, outlet, url or published/],
  ])('refuses %j with a clear error and changes nothing', (patch, message) => {
    const { db, dispatch } = dispatcher();
    dispatch('articles.import', { fileName: 'kirby.txt', contentBase64: base64('Kirby said Russia offers Iran support.\n') });
    const before = listArticles(db);
    expect(dispatch('articles.updateMetadata', patch)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    expect(listArticles(db)).toEqual(before);
  });

  it('answers not_found for an article that does not exist', () => {
    const { dispatch } = dispatcher();
    expect(dispatch('articles.updateMetadata', { id: 7, title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
