/**
 * Runs Electronegativity (Electron's security linter) over the TypeScript
 * sources of the main process and the renderer, and over the built bundles, and
 * fails on any finding that the allow-list beside this file does not explain.
 * An allow-list entry that no longer matches a finding fails too, so the list
 * never outlives the reason it gives. Run by `npm test` after the build:
 * `node tests/tools/electronegativityCheck.ts`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

interface Allowed {
  check: string;
  /** Which scan: main, renderer, bundles, or * for all. */
  scope: string;
  file?: string;
  reason: string;
}

interface Finding {
  scope: string;
  check: string;
  file: string;
  location: string;
  sample: string;
}

const ELECTRON_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'electronegativity');
const allowList = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tests', 'tools', 'electronegativity-allowlist.json'), 'utf8')) as Allowed[];

interface SarifLog {
  runs: Array<{
    results: Array<{
      ruleId: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
  }>;
}

/** The scanner's SARIF findings in the shape the allow-list speaks: a file of `file:///` means the whole app. */
function readSarifResults(text: string): Array<Omit<Finding, 'scope'>> {
  const log = JSON.parse(text) as SarifLog;
  return log.runs.flatMap((run) =>
    run.results.map((result) => {
      const place = result.locations[0]?.physicalLocation;
      const uri = place?.artifactLocation.uri ?? 'file:///';
      return {
        check: result.ruleId,
        file: uri === 'file:///' ? 'N/A' : uri,
        location: place ? `${place.region.startLine}:${place.region.startColumn - 1}` : '0:0',
        sample: result.message.text,
      };
    }),
  );
}

const work = mkdtempSync(join(tmpdir(), 'crosscheck-electronegativity-'));
try {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'main.cjs'))) throw new Error('The app is not built: run `npm run build` first.');
  // The scanner reads .js, not .cjs: the bundles are staged under names it reads.
  const bundles = join(work, 'bundles');
  cpSync(join(PROJECT_ROOT, 'dist', 'renderer'), join(bundles, 'renderer'), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, 'dist', 'main.cjs'), join(bundles, 'main.js'));
  copyFileSync(join(PROJECT_ROOT, 'dist', 'preload.cjs'), join(bundles, 'preload.js'));

  const findings: Finding[] = [];
  for (const [scope, input] of [
    ['main', join(PROJECT_ROOT, 'main')],
    ['renderer', join(PROJECT_ROOT, 'renderer')],
    ['bundles', bundles],
  ] as const) {
    // SARIF, not CSV: the scanner writes its CSV header and rows as two unordered
    // asynchronous writes, and on a fast disk the header can land over the rows.
    const out = join(work, `${scope}.sarif`);
    // Given the version, it needs no network (it cannot reach one offline, and says so).
    const run = spawnSync(BIN, ['-i', input, '-o', out, '-r', '-v', 'false', '-e', ELECTRON_VERSION], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0 || !existsSync(out)) throw new Error(`electronegativity failed on ${scope}: ${run.stderr || run.stdout}`);
    // A file the scanner cannot parse is skipped, and its checks then pass or fail by accident. It names such files
    // only when it writes no report, so each scan is run once more that way, and any such file is a failure.
    const listed = spawnSync(BIN, ['-i', input, '-r', '-e', ELECTRON_VERSION], { encoding: 'utf8', timeout: 600_000 });
    const unparsed = `${listed.stdout}\n${listed.stderr}`.split('\n').filter((line) => line.includes('Error parsing'));
    if (unparsed.length > 0) throw new Error(`electronegativity could not read every file of ${scope}:\n${unparsed.join('\n')}`);
    for (const result of readSarifResults(readFileSync(out, 'utf8'))) findings.push({ scope, ...result });
  }

  const allows = (entry: Allowed, finding: Finding) =>
    entry.check === finding.check && (entry.scope === '*' || entry.scope === finding.scope) && (entry.file === undefined || entry.file === finding.file);
  const unexplained = findings.filter((finding) => !allowList.some((entry) => allows(entry, finding)));
  const stale = allowList.filter((entry) => !findings.some((finding) => allows(entry, finding)));
  for (const finding of findings) {
    const entry = allowList.find((candidate) => allows(candidate, finding));
    console.log(
      `${entry ? 'explained' : 'FINDING  '} ${finding.scope}: ${finding.check} ${finding.file} ${finding.location}${entry ? '' : `\n          ${finding.sample}`}`,
    );
  }
  for (const entry of stale)
    console.log(`STALE     allow-list entry for ${entry.check} (${entry.scope}${entry.file ? `, ${entry.file}` : ''}) matches no finding: remove it`);
  console.log(
    `electronegativity (Electron ${ELECTRON_VERSION}): ${findings.length} findings, ${findings.length - unexplained.length} explained, ${unexplained.length} unexplained, ${stale.length} stale allow-list entries`,
  );
  process.exitCode = unexplained.length > 0 || stale.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
