import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../helpers/runCli.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

/*
 * The rules `npm run lint` enforces, shown to bite: the project's own configuration files are
 * copied into a scratch project holding one deliberate violation of each rule, and the tools must
 * refuse it; the real tree must pass the same tools. A rule that is misspelt, or whose path
 * pattern matches nothing, fails here rather than letting an upward import through.
 */

/** A whole-tree lint takes seconds on an idle machine; this much leaves room for a loaded one. */
const TOOL_TIMEOUT_MS = 600_000;

interface Run {
  status: number | null;
  output: string;
}

function run(tool: string, args: string[], cwd: string): Run {
  const result = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', tool), args, { cwd, env: cliEnv(), encoding: 'utf8', timeout: TOOL_TIMEOUT_MS });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The JSON report, whose exit status is always 0: the violations are read from it. */
const dependencyReport = (cwd: string) => run('depcruise', ['main', 'renderer', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], cwd);
/** As `npm run lint` runs it: the exit status is the number of violations. */
const dependencyCruise = (cwd: string) => run('depcruise', ['main', 'renderer', '--config', '.dependency-cruiser.cjs'], cwd);

/** The rule names dependency-cruiser reported, each with the module that broke it. */
function violations(json: string): string[] {
  const report = JSON.parse(json) as { summary: { violations: Array<{ rule: { name: string }; from: string }> } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from}`).sort();
}

let scratch: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'crosscheck-lint-'));
  for (const file of ['.dependency-cruiser.cjs', 'eslint.config.js', 'tsconfig.json', 'package.json'])
    copyFileSync(join(PROJECT_ROOT, file), join(scratch, file));
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  // One lawful import of each kind, so a rule that refuses everything is caught too.
  write('main/contract/errors.ts', 'export const CODE = 1;\n');
  write('main/corpus/rows.ts', "import { CODE } from '../contract/errors.ts';\nexport const rows = () => CODE;\n");
  write('main/api/handlers.ts', "import { rows } from '../corpus/rows.ts';\nexport const handle = () => rows();\n");
  write('main/cli/cli.ts', "import { handle } from '../api/handlers.ts';\nexport const cli = () => handle();\n");
  write('main/contract/contract.ts', 'export const SCHEMA = 1;\nexport type Schema = typeof SCHEMA;\n');
  write(
    'renderer/App.tsx',
    "import { CODE } from '../main/contract/errors.ts';\nimport type { Schema } from '../main/contract/contract.ts';\nexport const App = (): Schema => CODE;\n",
  );
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the dependency rules', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('let lawful downward imports through', () => {
    expect(violations(dependencyReport(scratch).output)).toEqual([]);
    expect(dependencyCruise(scratch).status).toBe(0);
  });

  it('refuse an upward import, a shell skipping the wiring, the renderer reaching past the contract or loading its schemas with the first screen, electron outside its shell, and a circle', () => {
    write('main/corpus/upward.ts', "import { handle } from '../api/handlers.ts';\nexport const upward = () => handle();\n");
    write('main/server/server.ts', "import { rows } from '../corpus/rows.ts';\nexport const serve = () => rows();\n");
    write('renderer/Panel.tsx', "import { rows } from '../main/corpus/rows.ts';\nexport const Panel = () => rows();\n");
    write('renderer/Form.tsx', "import { SCHEMA } from '../main/contract/contract.ts';\nexport const Form = () => SCHEMA;\n");
    write('main/ingest/window.ts', "import { app } from 'electron';\nexport const ready = () => app.isReady();\n");
    write('main/matching/one.ts', "import { two } from './two.ts';\nexport const one = (): number => two() + 1;\n");
    write('main/matching/two.ts', "import type { one } from './one.ts';\nexport const two = (): number => 0;\nexport type One = typeof one;\n");
    try {
      expect(dependencyCruise(scratch).status).not.toBe(0);
      const found = violations(dependencyReport(scratch).output);
      expect(found.filter((v) => !v.startsWith('no-circular'))).toEqual([
        'corpus-imports-only-below: main/corpus/upward.ts',
        'only-the-electron-shell-imports-electron: main/ingest/window.ts',
        'renderer-imports-only-the-contract: renderer/Panel.tsx',
        'renderer-loads-the-schemas-apart: renderer/Form.tsx',
        'shells-talk-to-the-wiring: main/server/server.ts',
      ]);
      // A circle is reported once, from whichever of its modules the cruise reached first.
      expect(found.filter((v) => v.startsWith('no-circular'))).toEqual([expect.stringMatching(/^no-circular: main\/matching\/(one|two)\.ts$/)]);
    } finally {
      for (const file of [
        'main/corpus/upward.ts',
        'main/server/server.ts',
        'renderer/Panel.tsx',
        'renderer/Form.tsx',
        'main/ingest/window.ts',
        'main/matching/one.ts',
        'main/matching/two.ts',
      ]) {
        rmSync(join(scratch, file));
      }
    }
  });

  it('pass on the real tree', () => {
    const { status, output } = dependencyCruise(PROJECT_ROOT);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });
});

describe('the lint rules', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('refuse a loose equality, a partial hook dependency list and a value import used only as a type', () => {
    write(
      'renderer/Counter.tsx',
      `import { useEffect, useState } from 'react';
import { CODE } from '../main/contract/errors.ts';

export function Counter({ step }: { step: number }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (count == 3) setCount(count + step);
  }, [count]);
  return count;
}

export const code: typeof CODE = 1;
`,
    );
    try {
      const { status, output } = run('eslint', ['renderer/Counter.tsx'], scratch);
      expect(status).toBe(1);
      expect(output).toContain('eqeqeq');
      expect(output).toContain('react-hooks/exhaustive-deps');
      expect(output).toContain('@typescript-eslint/consistent-type-imports');
    } finally {
      rmSync(join(scratch, 'renderer/Counter.tsx'));
    }
  });

  it('pass on the real tree', () => {
    const { status, output } = run('eslint', ['.'], PROJECT_ROOT);
    expect(output.trim()).toBe('');
    expect(status).toBe(0);
  });
});

describe('the formatting rule', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('refuses a file Prettier would rewrite and passes the real tree', () => {
    copyFileSync(join(PROJECT_ROOT, '.prettierrc.json'), join(scratch, '.prettierrc.json'));
    write('main/corpus/cramped.ts', 'export const cramped = {a:1,b:[1,2,3]}\n');
    expect(run('prettier', ['--check', 'main/corpus/cramped.ts'], scratch).status).not.toBe(0);
    rmSync(join(scratch, 'main/corpus/cramped.ts'));
    const real = run('prettier', ['--check', '.'], PROJECT_ROOT);
    expect(real.output).toContain('All matched files use Prettier code style');
    expect(real.status).toBe(0);
  });
});
