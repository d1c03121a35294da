/**
 * npm run bench:crash [-- --quick]
 *
 * Kills a writing Crosscheck process with SIGKILL at random moments (200
 * times; 20 with --quick, which keeps the whole quick suite under two
 * minutes), reopens the corpus after each kill and counts acknowledged writes
 * that did not survive. Target: 0 lost writes, over at least 100 kills.
 * (CI runs a 10-kill version as a test.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrashCycles } from '../crash/crashCycles.ts';
import { reportFigures } from './report.ts';

const quick = process.argv.includes('--quick');
const kills = quick ? 20 : 200;
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-crash-'));
const started = Date.now();
try {
  const figures = await runCrashCycles({
    corpusPath: join(dir, 'corpus.sqlite'),
    kills,
    seed: 6,
    onCycle: (f) => f.kills % 10 === 0 && process.stderr.write(`  ${f.kills}/${kills} kills, ${f.acknowledged} acknowledged, ${f.lostWrites} lost\n`),
  });
  reportFigures(
    'crash safety: SIGKILL during import, annotate and backup',
    [
      { name: 'kills', unit: 'count', value: figures.kills, ...(quick ? {} : { target: { op: '>=' as const, value: 100 } }), basis: 'total' },
      { name: 'acknowledged writes', unit: 'count', value: figures.acknowledged, basis: 'total' },
      { name: 'lost writes', unit: 'count', value: figures.lostWrites, target: { op: '<=', value: 0 }, basis: 'total' },
      { name: 'integrity_check failures', unit: 'count', value: figures.integrityFailures, target: { op: '<=', value: 0 }, basis: 'total' },
      { name: 'half-written articles or annotations', unit: 'count', value: figures.halfWritten, target: { op: '<=', value: 0 }, basis: 'total' },
      { name: 'damaged backups', unit: 'count', value: figures.badBackups, target: { op: '<=', value: 0 }, basis: 'total' },
      { name: 'run time', unit: 's', value: (Date.now() - started) / 1000, basis: 'single' },
    ],
    figures.problems.slice(0, 20),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
