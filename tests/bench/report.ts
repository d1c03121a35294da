/**
 * The one output format of every benchmark script: a readable table, then a
 * last line `BENCH_RESULT {json}` that `npm run bench` collects into its summary.
 * Benchmarks report; they never fail the unit tests.
 */
export interface Figure {
  /** What was measured, e.g. "time to interactive". */
  name: string;
  unit: 'ms' | 's' | 'MB' | 'count' | 'ratio' | '%' | 'per s';
  /** The target, where the issue states one. */
  target?: { op: '<=' | '>='; value: number };
  /** The headline value compared against the target (a median or p95 as `basis` says). */
  value: number;
  basis?: 'median' | 'p95' | 'total' | 'peak' | 'single';
  median?: number;
  p95?: number;
  runs?: number;
}

export interface BenchReport {
  bench: string;
  figures: Array<Figure & { pass: boolean | null }>;
  notes?: string[];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function meetsTarget(figure: Figure): boolean | null {
  if (!figure.target) return null;
  return figure.target.op === '<=' ? figure.value <= figure.target.value : figure.value >= figure.target.value;
}

const round = (n: number | undefined) => (n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

export const FIGURE_HEADERS = ['figure', 'target', 'measured', 'median', 'p95', ''];

/** One table row per figure, in the order of FIGURE_HEADERS. */
export function figureCells(f: Figure & { pass: boolean | null }): string[] {
  return [
    f.name,
    f.target ? `${f.target.op} ${f.target.value} ${f.unit}` : '—',
    `${round(f.value)} ${f.unit}${f.basis ? ` (${f.basis})` : ''}`,
    f.median !== undefined ? round(f.median) : '',
    f.p95 !== undefined ? round(f.p95) : '',
    f.pass === null ? '' : f.pass ? 'pass' : 'FAIL',
  ];
}

/** Left-aligned columns, two spaces apart. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function reportFigures(bench: string, figures: Figure[], notes: string[] = []): BenchReport {
  const report: BenchReport = { bench, figures: figures.map((f) => ({ ...f, pass: meetsTarget(f) })), notes };
  console.log(`\n${bench}`);
  console.log(formatTable(FIGURE_HEADERS, report.figures.map(figureCells)));
  for (const note of notes) console.log(`  note: ${note}`);
  console.log(`BENCH_RESULT ${JSON.stringify(report)}`);
  return report;
}
