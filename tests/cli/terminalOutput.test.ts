import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

const ESC = '\u001b';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('crosscheck output on a terminal', () => {
  it('shows the escape sequences of imported titles and file names as text instead of sending them to the terminal', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const hostileTitle = `${ESC}]0;pwned${'\u0007'}${ESC}[2J${ESC}]52;c;ZWNobyBoaQ==${'\u0007'}Harbour talks\r\u009b31m`;
    const words = 'The council met on Thursday and agreed the budget after a long debate about the harbour. '.repeat(5);
    const page = join(dir, `page${ESC}[2J.html`);
    writeFileSync(page, `<html><head><meta property="og:title" content="${hostileTitle}"></head><body><article><p>${words}</p></article></body></html>`);
    const imported = runCli(['import', page, '--db', db]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).not.toMatch(CONTROL);
    expect(imported.stdout).toContain('page\\u001b[2J.html');
    for (const args of [['articles'], ['show', '1']]) {
      const run = runCli([...args, '--db', db]);
      expect(run.stdout, args.join(' ')).not.toMatch(CONTROL);
    }
    const table = runCli(['articles', '--db', db]).stdout;
    expect(table).toContain('\\u001b]0;pwned');
    // JSON output stays valid and gives the title back exactly.
    const listed = JSON.parse(runCli(['articles', '--db', db, '--json']).stdout) as Array<{ title: string }>;
    expect(listed[0]!.title).toContain(`${ESC}]0;pwned`);
  });

  it('stops quietly when the reader closes the pipe early, as `| head -1` does', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const file = join(dir, 'long.txt');
    writeFileSync(file, 'A long article line about the harbour budget and the council vote.\n'.repeat(20_000));
    expect(runCli(['import', file, '--db', db]).status).toBe(0);
    const cli = join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js');
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${cli}" show 1 --db "${db}" | head -1; echo "status \${PIPESTATUS[0]}"`], {
      env: cliEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/status 0\n$/);
  });
});
