import type { BenchReport } from '../report.ts';

export const RESULT_PREFIX = 'BENCH_RESULT ';

/**
 * Every `BENCH_RESULT {json}` line of a benchmark's output. A line that starts
 * with the prefix but does not parse as a report is an error: silently dropping
 * it would hide a broken benchmark behind a shorter table.
 */
export function parseBenchResults(output: string): BenchReport[] {
  const reports: BenchReport[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (!line.startsWith(RESULT_PREFIX)) continue;
    const report = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchReport;
    if (typeof report.bench !== 'string' || !Array.isArray(report.figures)) throw new Error(`Malformed ${RESULT_PREFIX.trim()} line: ${line.slice(0, 200)}`);
    reports.push(report);
  }
  return reports;
}
