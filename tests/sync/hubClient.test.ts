import { statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpoint, parseHubAddress } from '../../main/sync/hubAddress.ts';
import { HubClient, HubUnavailable } from '../../main/sync/hubClient.ts';
import { loginFilePath, saveLogin, tokenFor } from '../../main/sync/hubLogin.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

async function listen(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('the hub address', () => {
  it('refuses to send a token in clear text to another machine, but allows a hub on this one', () => {
    expect(() => parseHubAddress('http://hub.example.org')).toThrow(/clear text.*https/);
    expect(parseHubAddress('https://hub.example.org').origin).toBe('https://hub.example.org');
    expect(parseHubAddress('http://127.0.0.1:8080').key).toBe('http://127.0.0.1:8080/');
    expect(parseHubAddress('http://localhost:8080/team').key).toBe('http://localhost:8080/team/');
  });

  it('refuses addresses that are not plain hub URLs', () => {
    for (const bad of ['hub.example.org', 'ftp://hub.example.org', 'https://user:pw@hub.example.org', 'https://hub.example.org/?x=1', 'javascript:alert(1)']) {
      expect(() => parseHubAddress(bad), bad).toThrow();
    }
  });

  it('never resolves an endpoint onto another origin', () => {
    const address = parseHubAddress('https://hub.example.org/team/');
    expect(endpoint(address, 'v1/push').href).toBe('https://hub.example.org/team/v1/push');
    expect(() => endpoint(address, '//evil.example/v1/push')).toThrow(/not on the hub's origin/);
    expect(() => endpoint(address, 'https://evil.example/')).toThrow(/not on the hub's origin/);
  });
});

describe('the hub client', () => {
  it('does not follow a redirect, so the token never reaches the other origin', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = await listen((req, res) => {
      seen.push(req.headers);
      res.end('{}');
    });
    const redirecting = await listen((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/v1/me` });
      res.end();
    });
    try {
      const client = new HubClient(parseHubAddress(redirecting.url), 'cch_secret');
      await expect(client.me()).rejects.toThrow();
      expect(seen).toEqual([]);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it('reports a hub that does not answer as unavailable (worth a retry), and a refusal with the hub’s own sentence', async () => {
    const down = await listen(() => {});
    const downUrl = down.url;
    await down.close();
    await expect(new HubClient(parseHubAddress(downUrl), 't').me()).rejects.toBeInstanceOf(HubUnavailable);

    const refusing = await listen((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'device belongs to another analyst' } }));
    });
    try {
      await expect(new HubClient(parseHubAddress(refusing.url), 't').me()).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('device belongs to another analyst'),
      });
    } finally {
      await refusing.close();
    }
  });
});

describe('saved hub logins', () => {
  it('are kept beside the corpus readable by their owner only, and offered to exactly the hub they were saved for', () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const hub = parseHubAddress('https://hub.example.org');
    saveLogin(dbPath, hub, 'cch_saved');
    expect(statSync(loginFilePath(dbPath)).mode & 0o777).toBe(0o600);
    expect(tokenFor(dbPath, hub, {})).toBe('cch_saved');
    expect(() => tokenFor(dbPath, parseHubAddress('https://other.example.org'), {})).toThrow(/crosscheck hub login https:\/\/other\.example\.org\//);
    expect(tokenFor(dbPath, parseHubAddress('https://other.example.org'), { CROSSCHECK_HUB_TOKEN: 'cch_env' })).toBe('cch_env');
  });
});
