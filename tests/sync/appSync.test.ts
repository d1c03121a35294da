import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../main/api/session.ts';
import { createAppSync } from '../../main/api/appSync.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { parseHubAddress } from '../../main/sync/hubAddress.ts';
import { saveLogin } from '../../main/sync/hubLogin.ts';
import { startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { articleText } from '../helpers/syncTeam.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

let postgres: RunningPostgres;
let hub: TestHub;
let session: Session | undefined;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);
afterEach(async () => {
  session?.close();
  session = undefined;
  await hub?.close();
  hub = undefined as unknown as TestHub;
}, 60_000);

async function corpus(token?: (hub: TestHub) => string): Promise<{ session: Session; dbPath: string }> {
  hub = await startTestHub(postgres, ['ana']);
  const dbPath = join(tempDir(), 'corpus.sqlite');
  saveLogin(dbPath, parseHubAddress(hub.url), token ? token(hub) : hub.tokens.ana!);
  session = openSession({ dbPath, actor: 'ana' });
  insertArticle(session.db, { text: articleText(5), title: 'Report', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana');
  return { session, dbPath };
}

describe('sync as the app runs it', () => {
  it('runs one sync in the background, answers at once, and keeps how it ended', async () => {
    const { session, dbPath } = await corpus();
    const sync = createAppSync(session.db, 'ana', dbPath, {});
    expect(sync.status()).toMatchObject({ hub: parseHubAddress(hub.url).key, running: false, lastRun: null, pending: 1, autoSyncSeconds: 60 });
    const started = sync.start();
    expect(started.running).toBe(true);
    // A second start while one runs starts nothing new.
    const again = sync.start();
    expect(again.running).toBe(true);
    await sync.running();
    expect(sync.status()).toMatchObject({ running: false, pending: 0, lastRun: { ok: true, message: null, pushed: 1 }, lastSuccessAt: expect.any(String) });
  });

  it('keeps a refusal in words, with the work still waiting', async () => {
    const { session, dbPath } = await corpus(() => 'a-token-nobody-issued');
    const sync = createAppSync(session.db, 'ana', dbPath, {});
    sync.start();
    await sync.running();
    const status = sync.status();
    expect(status).toMatchObject({ running: false, pending: 1, lastRun: { ok: false }, lastSuccessAt: null });
    expect(status.lastRun!.message).toMatch(/did not accept this corpus's login .*crosscheck hub login http/);
  });

  it('refuses to start without a hub, saying how to set one up', () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    session = openSession({ dbPath, actor: 'ana' });
    const sync = createAppSync(session.db, 'ana', dbPath, {});
    expect(sync.status()).toMatchObject({ hub: null, running: false });
    expect(() => sync.start()).toThrow(/hub login/);
  });

  it('takes its interval from CROSSCHECK_AUTO_SYNC_SECONDS and its hub from CROSSCHECK_HUB', () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    session = openSession({ dbPath, actor: 'ana' });
    const sync = createAppSync(session.db, 'ana', dbPath, { CROSSCHECK_AUTO_SYNC_SECONDS: '5', CROSSCHECK_HUB: 'https://hub.example.org/desk/' });
    expect(sync.status()).toMatchObject({ hub: parseHubAddress('https://hub.example.org/desk/').key, autoSyncSeconds: 5 });
  });
});
