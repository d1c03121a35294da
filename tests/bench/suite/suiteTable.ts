import { FIGURE_HEADERS, figureCells, formatTable, type BenchReport } from '../report.ts';

/** How one benchmark script ended: its reports, or why it has none. */
export interface ScriptOutcome {
  script: string;
  exitCode: number | null;
  reports: BenchReport[];
  /** Set when the script crashed, exited non-zero or printed no BENCH_RESULT. */
  problem?: string;
}

/** The combined table: one row per figure, prefixed by the bench it came from; a broken script gets one row saying so. */
export function suiteTable(outcomes: ScriptOutcome[]): string {
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    for (const report of outcome.reports) for (const figure of report.figures) rows.push([report.bench, ...figureCells(figure)]);
    if (outcome.problem) rows.push([`bench:${outcome.script}`, outcome.problem, '', '', '', '', 'ERROR']);
  }
  return formatTable(['bench', ...FIGURE_HEADERS], rows);
}

/** The plain closing line, e.g. "12 figures: 10 pass, 1 FAIL, 1 without target; 0 scripts broken". */
export function suiteSummary(outcomes: ScriptOutcome[]): string {
  const figures = outcomes.flatMap((o) => o.reports.flatMap((r) => r.figures));
  const passed = figures.filter((f) => f.pass === true).length;
  const failed = figures.filter((f) => f.pass === false).length;
  const broken = outcomes.filter((o) => o.problem);
  const brokenList = broken.length > 0 ? ` (${broken.map((o) => `bench:${o.script}`).join(', ')})` : '';
  return `${figures.length} figures: ${passed} pass, ${failed} FAIL, ${figures.length - passed - failed} without target; ${broken.length} scripts broken${brokenList}`;
}
