import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { openSession } from '../../main/api/session.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { cliEnv, type CliRun } from '../helpers/runCli.ts';
import { startServer, TOKEN_HEADER } from '../../main/server/httpServer.ts';
import { PROJECT_ROOT, SEEDS_DIR, tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

/** The CLI in a child process, without blocking this one, so the test can hold and release locks meanwhile. */
function runCliAsync(args: string[]): Promise<CliRun & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), args, { env: cliEnv(), cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started }));
  });
}

function seededCorpus() {
  const corpus = tempCorpus();
  importPaths(corpus.db, [SEEDS_DIR], 'ana');
  return corpus;
}

const annotate = (path: string) => ['annotate', '1', '--start', '0', '--end', '10', '--tag', 'claim', '--db', path, '--json'];
const annotationCount = (db: { prepare(sql: string): { pluck(): { get(): unknown } } }) => db.prepare('SELECT count(*) FROM annotations').pluck().get();

describe('the CLI writing while the app has the corpus open', () => {
  it('writes while the app serves the corpus and holds a read transaction open', async () => {
    const { path } = seededCorpus();
    const app = openSession({ dbPath: path, actor: 'app' });
    try {
      app.db.exec('BEGIN');
      expect(annotationCount(app.db)).toBe(0); // the read snapshot is now held
      const run = await runCliAsync(annotate(path));
      expect(run.status, run.stderr).toBe(0);
      expect(annotationCount(app.db)).toBe(0); // still its own snapshot
      app.db.exec('COMMIT');
      expect(annotationCount(app.db)).toBe(1);
      expect(app.dispatch('annotations.list', {})).toMatchObject({ ok: true, value: [{ author: expect.any(String), quote: expect.any(String) }] });
    } finally {
      app.close();
    }
  });

  it('waits for a write lock the app holds briefly, then writes', async () => {
    const { db, path } = seededCorpus();
    db.exec('BEGIN IMMEDIATE');
    const running = runCliAsync(annotate(path));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    db.exec('COMMIT');
    const run = await running;
    expect(run.status, run.stderr).toBe(0);
    expect(annotationCount(db)).toBe(1);
  });

  it('gives a clear "busy" error, not a crash, when the lock outlasts the busy timeout, and writes nothing', async () => {
    const { db, path } = seededCorpus();
    db.exec('BEGIN IMMEDIATE');
    const run = await runCliAsync(annotate(path));
    db.exec('ROLLBACK');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/The corpus is busy/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.ms).toBeGreaterThanOrEqual(4500);
    expect(annotationCount(db)).toBe(0);
  }, 30_000);
});

describe('a request meeting a lock held by another connection', () => {
  it('answers with the busy error code and reports no internal error', () => {
    const { db: holder, path } = seededCorpus();
    const db = openDatabase(path, { busyTimeoutMs: 50 });
    try {
      const onInternalError = vi.fn();
      const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }), onInternalError);
      holder.exec('BEGIN IMMEDIATE');
      const result = dispatch('annotations.create', { articleId: 1, start: 0, end: 10, tag: 'claim' });
      holder.exec('ROLLBACK');
      expect(result).toEqual({ ok: false, error: { code: 'busy', message: expect.stringMatching(/^The corpus is busy/) } });
      expect(onInternalError).not.toHaveBeenCalled();
      expect(dispatch('annotations.create', { articleId: 1, start: 0, end: 10, tag: 'claim' }).ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('over browser mode, answers 503 with the busy error', async () => {
    const { db: holder, path } = seededCorpus();
    const db = openDatabase(path, { busyTimeoutMs: 50 });
    const staticDir = tempDir();
    const server = await startServer({ dispatch: createDispatch(createHandlers({ db, actor: 'ana' })), staticDir });
    try {
      holder.exec('BEGIN IMMEDIATE');
      const answer = await fetch(`http://127.0.0.1:${server.port}/api/annotations.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
        body: JSON.stringify({ articleId: 1, start: 0, end: 10, tag: 'claim' }),
      });
      holder.exec('ROLLBACK');
      expect(answer.status).toBe(503);
      expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'busy' } });
    } finally {
      await server.close();
      db.close();
    }
  });
});
