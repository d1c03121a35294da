import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentBundleEntry } from '../../main/cli/bundledCli.js';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

/** The same session of verbs, run by the bundle or by the sources, in a corpus of its own. */
function session(fromSource: boolean): string[] {
  const folder = tempDir();
  const db = join(folder, 'c.db');
  const env = fromSource ? { CROSSCHECK_CLI_FROM_SOURCE: '1' } : {};
  const run = (args: string[]) => {
    const result = runCli(args, { env });
    return `exit ${result.status}\n${result.stdout}\n${result.stderr}`;
  };
  const csv = join(folder, 'csv');
  const outputs = [
    run(['--help']),
    run(['import', 'seeds', '--db', db, '--json']),
    run(['articles', '--db', db, '--json']),
    run(['annotate', '1', '--start', '0', '--end', '40', '--tag', 'claim', '--db', db, '--json']),
    run(['annotations', '--db', db, '--json']),
    // The matcher reads its lexicon and fingerprints its own sources, both found beside its modules.
    run(['suggest', '1', '--db', db, '--json']),
    run(['search', 'police', '--db', db, '--json']),
    // The CSV export writes through worker threads it finds beside its module.
    run(['export', '--format', 'csv', '--out', csv, '--db', db]),
    readFileSync(join(csv, 'annotations.csv'), 'utf8'),
    run(['undo', '--db', db]),
    run(['show', '999', '--db', db]),
    run(['no-such-verb']),
  ];
  // Times of day and the corpus's folder differ between the two sessions, nothing else may.
  return outputs.map((output) =>
    output
      .replaceAll(folder, '<folder>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>')
      .replace(/"(createdAt|updatedAt|at)":\d{10,}/g, '"$1":<time>'),
  );
}

describe('the pre-built command line', () => {
  it('is current after the build that runs before this tier', () => {
    expect(currentBundleEntry()).toMatch(/^file:.*\/dist\/cli\/cli\.mjs$/);
  });

  it('answers a session of verbs exactly as the sources do, errors included', () => {
    const bundled = session(false);
    const fromSource = session(true);
    expect(bundled[1]).toContain('"imported"');
    expect(bundled[8]).toContain('claim');
    expect(bundled.at(-1)).toMatch(/^exit 2\n/);
    expect(bundled).toEqual(fromSource);
    // Two dozen processes, 1–3 s each on a loaded two-core machine.
  }, 300_000);
});

describe('choosing the bundle', () => {
  function bundleFolder(): { root: string; bundle: string; source: string } {
    const root = tempDir();
    const bundle = join(root, 'dist', 'cli');
    mkdirSync(bundle, { recursive: true });
    const source = join(root, 'a.ts');
    writeFileSync(source, 'export const a = 1;\n');
    return { root, bundle, source };
  }

  function writeManifest(bundle: string, files: unknown[]): void {
    writeFileSync(join(bundle, 'sources.json'), JSON.stringify({ entry: 'cli.mjs', files }));
  }

  it('takes the bundle when every listed source has the size and time it was built from', () => {
    const { root, bundle, source } = bundleFolder();
    utimesSync(source, 1000, 1000);
    writeManifest(bundle, [['a.ts', 20, 1_000_000]]);
    expect(currentBundleEntry(bundle, root)).toMatch(/\/dist\/cli\/cli\.mjs$/);
  });

  it('falls back to the sources when a source changed, is gone, or the list is missing or unreadable', () => {
    const { root, bundle, source } = bundleFolder();
    utimesSync(source, 1000, 1000);
    expect(currentBundleEntry(bundle, root)).toBeNull();
    writeFileSync(join(bundle, 'sources.json'), '{ not json');
    expect(currentBundleEntry(bundle, root)).toBeNull();
    writeManifest(bundle, [['a.ts', 20, 2_000_000]]);
    expect(currentBundleEntry(bundle, root)).toBeNull();
    writeManifest(bundle, [['a.ts', 21, 1_000_000]]);
    expect(currentBundleEntry(bundle, root)).toBeNull();
    writeManifest(bundle, [['gone.ts', 20, 1_000_000]]);
    expect(currentBundleEntry(bundle, root)).toBeNull();
  });
});
