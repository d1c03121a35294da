import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOWNLOAD_TICKET_PATH, TOKEN_HEADER } from '../../main/server/httpServer.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

/** Another server on 127.0.0.1, as any local program can run: it records what the browser sends it. */
async function snoopingServer() {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Another local app</title><img src="/pixel.png">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the browser-mode credential and other local servers', () => {
  it('gives another server on 127.0.0.1 nothing that opens the corpus, even after the app was used and a file downloaded', async () => {
    const { page, app } = await session.open(join(tempDir(), 'corpus.sqlite'));
    await expect.poll(() => page.getByText('5 articles').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'Download annotations.csv' }).click()]);
    expect(download.suggestedFilename()).toBe('annotations.csv');

    const snoop = await snoopingServer();
    try {
      // The same browser, the same profile: whatever it would send another local server, it sends now.
      expect(await page.context().cookies()).toEqual([]);
      await page.goto(snoop.url);
      await expect.poll(() => snoop.seen.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const cookies = snoop.seen.map((headers) => headers.cookie ?? '').join('; ');
      expect(cookies).not.toContain(app.server.token);

      // Whatever it captured, replayed against the app, opens nothing.
      const { port } = app.server;
      const replay = { cookie: cookies, 'content-type': 'application/json' };
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/api/articles.list`, { method: 'POST', headers: replay, body: '{}' })).status).toBe(401);
      expect((await fetch(`${base}/export/annotations.csv`, { headers: replay })).status).toBe(401);
      expect((await fetch(`${base}${DOWNLOAD_TICKET_PATH}`, { method: 'POST', headers: replay })).status).toBe(401);
      // The token itself still works, so the refusals above are about the credential, not the server.
      expect((await fetch(`${base}/api/articles.list`, { method: 'POST', headers: { ...replay, [TOKEN_HEADER]: app.server.token }, body: '{}' })).status).toBe(
        200,
      );
    } finally {
      await snoop.close();
    }
  });
});
