import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../main/api/session.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { join } from 'node:path';

let site: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
  site = undefined;
});

async function serve(body: string): Promise<string> {
  site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', date: 'Tue, 05 Mar 2024 10:00:00 GMT' });
    res.end(body);
  });
  await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(site.address() as AddressInfo).port}/note.txt`;
}

describe('articles.importUrl through the asynchronous dispatch', () => {
  it('fetches the page, imports it and keeps the bytes as captured with the address and the server’s date', async () => {
    const url = await serve('The pier reopened on Monday after repairs, the harbour office said.\n');
    const session = openSession({ dbPath: join(tempDir(), 'c.db'), actor: 'ana' });
    try {
      const answer = await session.dispatchAsync('articles.importUrl', { url });
      expect(answer).toMatchObject({ ok: true, value: { status: 'imported', file: url } });
      const articleId = (answer as { value: { articleId: number } }).value.articleId;
      expect(session.handlers['articles.source']({ id: articleId })).toMatchObject({
        address: url,
        httpDate: 'Tue, 05 Mar 2024 10:00:00 GMT',
        mediaType: 'text/plain',
      });
      // Every other request still goes through the ordinary dispatch.
      expect(await session.dispatchAsync('articles.list', {})).toMatchObject({ ok: true, value: [{ id: articleId }] });
    } finally {
      session.close();
    }
  });

  it('refuses an address that is not http(s), and is refused by the synchronous dispatch, which cannot wait on the network', async () => {
    const session = openSession({ dbPath: join(tempDir(), 'c.db'), actor: 'ana' });
    try {
      expect(await session.dispatchAsync('articles.importUrl', { url: 'file:///etc/passwd' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/expected an http or https address/) },
      });
      expect(session.dispatch('articles.importUrl', { url: 'https://example.org/' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/waits on the network: only the app's asynchronous transports serve it/) },
      });
      expect(session.handlers['articles.list']({})).toEqual([]);
    } finally {
      session.close();
    }
  });
});
