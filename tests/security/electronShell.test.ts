import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../main/api/ipcChannel.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/api/contentSecurityPolicy.ts';
import { backupCorpus, listBackups } from '../../main/corpus/backups.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { damagePages } from '../helpers/damageFile.ts';
import { SEEDS_DIR, tempDir } from '../helpers/tempCorpus.ts';
import { assertBuildCurrent, MAIN_BUNDLE, PRELOAD_BUNDLE } from './builtApp.ts';
import { fakeElectron, runBundle } from './fakeElectron.ts';

const APP_PAGE = 'app://crosscheck/index.html';

beforeAll(assertBuildCurrent);

type Started = ReturnType<typeof fakeElectron> & { userData: string; corpusPath: string };
const running: Started[] = [];

/** Loads the shipped main bundle against the fake Electron and lets it start. */
async function startMain(options: { singleInstanceLock?: boolean; dialogAnswer?: number; userData?: string } = {}): Promise<Started> {
  const userData = options.userData ?? tempDir();
  const fake = fakeElectron({ ...options, userData });
  vi.stubEnv('CROSSCHECK_DB', '');
  runBundle(MAIN_BUNDLE, fake.electron);
  fake.becomeReady();
  if (options.singleInstanceLock !== false) {
    await vi.waitFor(() => expect(fake.record.windows.length + fake.record.exits.length).toBeGreaterThan(0), { timeout: 10_000 });
  }
  const started = { ...fake, userData, corpusPath: join(userData, 'corpus.sqlite') };
  running.push(started);
  return started;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const app of running.splice(0)) {
    if (app.record.windows.length === 0) continue;
    app.emit('will-quit', { preventDefault() {} });
    await vi.waitFor(() => expect(app.record.exits).toContain(0), { timeout: 10_000 });
  }
});

describe('the Electron window', () => {
  it('runs the renderer isolated, sandboxed and without Node, with the bundled preload', async () => {
    const { record } = await startMain();
    const [window] = record.windows;
    expect(window!.options.webPreferences).toMatchObject({
      preload: PRELOAD_BUNDLE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app through its own app:// protocol, never file://', async () => {
    const { record } = await startMain();
    expect(record.windows[0]!.url).toBe(APP_PAGE);
    expect(record.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(readFileSync(MAIN_BUNDLE, 'utf8')).not.toMatch(/\.loadFile\(|['"`]file:\/\//);
  });

  it('serves only the built renderer on app://, each file with the Content-Security-Policy', async () => {
    const { record } = await startMain();
    const handle = record.protocolHandlers.get('app')!;
    const page = (await handle(new Request(APP_PAGE))) as Response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    for (const url of ['app://crosscheck/../package.json', 'app://crosscheck/%2e%2e/package.json', 'app://other/index.html', 'app://crosscheck/missing.js']) {
      expect(((await handle(new Request(url))) as Response).status, url).toBe(404);
    }
    expect(((await handle(new Request(APP_PAGE, { method: 'POST', body: 'x' }))) as Response).status).toBe(405);
  });

  it('offers the CSV export as downloads on app://, streamed from the bundle, refusing bad filters', async () => {
    const { record } = await startMain();
    const handle = record.protocolHandlers.get('app')!;
    const csv = (await handle(new Request('app://crosscheck/export/links.csv?bom=0'))) as Response;
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="links.csv"');
    expect(await csv.text()).toMatch(/^link_id,type,status,from_annotation_id,/);
    const annotations = (await handle(new Request('app://crosscheck/export/annotations.csv'))) as Response;
    expect((await annotations.text()).split('\r\n')[0]).toMatch(/^annotation_id,article_id,outlet,/);
    expect(((await handle(new Request('app://crosscheck/export/annotations.csv?tag=opinion'))) as Response).status).toBe(400);
    expect(((await handle(new Request('app://other/export/annotations.csv'))) as Response).status).toBe(404);
  });

  it('answers IPC only from the app page, on one channel, through the validated contract', async () => {
    const { record } = await startMain();
    expect([...record.ipcHandlers.keys()]).toEqual([IPC_CHANNEL]);
    const handler = record.ipcHandlers.get(IPC_CHANNEL)!;
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://crosscheck.evil/', 'devtools://devtools/', undefined]) {
      expect(await handler({ senderFrame: url === undefined ? null : { url } }, 'articles.list', {}), String(url)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await handler({ senderFrame: { url: APP_PAGE } }, 'articles.list', { admin: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const answer = (await handler({ senderFrame: { url: APP_PAGE } }, 'articles.list', {})) as { ok: boolean; value: unknown[] };
    expect(answer.ok).toBe(true);
    expect(answer.value).toHaveLength(5);
  });

  it('answers requests from the corpus workers bundled beside the main bundle, reading an upload and searching there', async () => {
    for (const worker of ['corpusHostWorker.cjs', 'offThreadWorker.cjs', 'csvExportWorker.cjs'])
      expect(existsSync(join(MAIN_BUNDLE, '..', worker)), worker).toBe(true);
    const { record } = await startMain();
    const handler = record.ipcHandlers.get(IPC_CHANNEL)!;
    const text = 'The harbour authority said the northern ferry line would reopen next week.';
    const imported = await handler({ senderFrame: { url: APP_PAGE } }, 'articles.import', {
      fileName: 'ferry.txt',
      contentBase64: Buffer.from(text).toString('base64'),
    });
    expect(imported).toMatchObject({ ok: true, value: { file: 'ferry.txt', status: 'imported' } });
    const found = (await handler({ senderFrame: { url: APP_PAGE } }, 'search.articles', { query: 'ferry line' })) as {
      ok: boolean;
      value: { articles: unknown[] };
    };
    expect(found).toMatchObject({ ok: true });
    expect(found.value.articles).toHaveLength(1);
    // A file that is no article is refused by the worker's reader, and named.
    const refused = await handler({ senderFrame: { url: APP_PAGE } }, 'articles.import', {
      fileName: 'film.mp4',
      contentBase64: Buffer.alloc(64, 7).toString('base64'),
    });
    expect(refused).toMatchObject({ ok: true, value: { file: 'film.mp4', status: 'failed' } });
  });

  it('denies new windows, navigation and redirects away from the app, and webviews', async () => {
    const { emit } = await startMain();
    const listeners = new Map<string, (...args: any[]) => unknown>();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    emit(
      'web-contents-created',
      {},
      { setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h), on: (name: string, l: (...args: any[]) => unknown) => listeners.set(name, l) },
    );
    for (const url of ['https://evil.example/', APP_PAGE]) expect(openHandler!({ url })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://crosscheck.evil/', 'javascript:alert(1)']) {
        const preventDefault = vi.fn();
        listeners.get(event)!({ preventDefault }, url);
        expect(preventDefault, `${event} ${url}`).toHaveBeenCalled();
      }
      const preventDefault = vi.fn();
      listeners.get(event)!({ preventDefault }, 'app://crosscheck/index.html#review');
      expect(preventDefault).not.toHaveBeenCalled();
    }
    const preventDefault = vi.fn();
    listeners.get('will-attach-webview')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', async () => {
    const { record } = await startMain();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      record.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(record.permissionCheck!({}, permission)).toBe(false);
    }
  });

  it('quits at once as a second instance, and as the first focuses its window when another is started', async () => {
    const second = await startMain({ singleInstanceLock: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.record.quits).toBe(1);
    expect(second.record.windows).toHaveLength(0);
    expect(existsSync(second.corpusPath)).toBe(false);

    const first = await startMain();
    first.emit('second-instance');
    expect(first.record.windows[0]!.focused).toBe(1);
  });

  it('takes a backup of the changed corpus on quit, then closes it', async () => {
    const app = await startMain();
    const preventDefault = vi.fn();
    app.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.record.exits).toEqual([0]), { timeout: 10_000 });
    expect(listBackups(app.corpusPath).map((b) => b.reason)).toEqual(['quit']);
  });
});

describe('the Electron app on a damaged corpus', () => {
  async function damagedCorpus() {
    const userData = tempDir();
    const path = join(userData, 'corpus.sqlite');
    const db = openDatabase(path);
    importPaths(db, [SEEDS_DIR], 'ana');
    await backupCorpus(db, path, 'scheduled');
    db.close();
    damagePages(path);
    return { userData, path };
  }
  const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('offers the latest good backup and, when accepted, restores it and keeps the damaged file aside', async () => {
    const { userData, path } = await damagedCorpus();
    const damaged = fileHash(path);
    const app = await startMain({ userData, dialogAnswer: 0 });
    expect(app.record.dialogs[0]).toMatchObject({ buttons: ['Restore backup', 'Quit'], detail: expect.stringContaining('damaged') });
    expect(app.record.windows).toHaveLength(1);
    const setAside = (app.record.dialogs[1] as { detail: string }).detail.match(/kept as (.+)\.$/)![1]!;
    expect(fileHash(setAside)).toBe(damaged);
  });

  it('when declined, quits and leaves the damaged file exactly as it was', async () => {
    const { userData, path } = await damagedCorpus();
    const damaged = fileHash(path);
    const app = await startMain({ userData, dialogAnswer: 1 });
    expect(app.record.exits).toEqual([1]);
    expect(app.record.windows).toHaveLength(0);
    expect(fileHash(path)).toBe(damaged);
  });
});
