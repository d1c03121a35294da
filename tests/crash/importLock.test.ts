import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/corpus/database.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { manyAttributesSpreadPage } from '../fuzz/hostileInputs.ts';
import { cliEnv } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

describe('a folder import in another process', () => {
  it('never holds the write lock while it parses, so the app writes throughout without being refused as busy', async () => {
    const dir = tempDir();
    const corpusPath = join(dir, 'corpus.sqlite');
    openDatabase(corpusPath).close();
    const folder = join(dir, 'pages');
    mkdirSync(folder);
    // Pages that take a noticeable time each to parse (many attributes, within the limits).
    for (let i = 0; i < 8; i++)
      writeFileSync(join(folder, `page-${i}.html`), manyAttributesSpreadPage(50_000).replace('Paragraph 0', `Paragraph 0 of page ${i}`));

    const child = spawn(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), ['import', folder, '--db', corpusPath], { env: cliEnv(), cwd: PROJECT_ROOT });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let running = true;
    void exited.then(() => (running = false));

    // The app's connection, with a shorter wait than its real 5 s so a lock held through parsing shows up as a refusal.
    const app = openDatabase(corpusPath, { busyTimeoutMs: 1_000 });
    const waits: number[] = [];
    const refusals: string[] = [];
    try {
      for (let i = 0; running; i++) {
        const started = performance.now();
        try {
          insertArticle(
            app,
            { text: `An app write number ${i} while the folder imports.`, title: null, outlet: null, url: null, published: null, fileName: null },
            'app',
          );
        } catch (error) {
          refusals.push((error as Error).message);
        }
        waits.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      app.close();
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('8 imported');
    expect(refusals).toEqual([]);
    expect(waits.length).toBeGreaterThan(5);
    console.log(`app writes during a folder import: ${waits.length}, longest wait ${Math.round(Math.max(...waits))} ms`);
  }, 120_000);
});
