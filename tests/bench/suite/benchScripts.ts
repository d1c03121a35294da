/**
 * The order the suite runs benchmarks in: the cheap, self-contained ones that
 * other figures build on first, the crash benchmark (which kills processes) last.
 * Scripts not listed here still run, after these, alphabetically, so a
 * `bench:<name>` added to package.json joins the suite without touching the runner.
 */
export const SUITE_ORDER = ['render', 'peer', 'io', 'suggest', 'export', 'crash'];

const PREFIX = 'bench:';

/** The names (without `bench:`) of every benchmark script, in suite order. */
export function benchScriptNames(scripts: Record<string, string>): string[] {
  const names = Object.keys(scripts)
    .filter((key) => key.startsWith(PREFIX) && key.length > PREFIX.length)
    .map((key) => key.slice(PREFIX.length));
  const rank = (name: string) => {
    const index = SUITE_ORDER.indexOf(name);
    return index === -1 ? SUITE_ORDER.length : index;
  };
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Keeps the names listed in `--only`; an unknown name is an error rather than a silently smaller suite. */
export function selectBenchScripts(names: string[], only: string[] | null): string[] {
  if (only === null) return names;
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`No bench script named ${unknown.map((n) => PREFIX + n).join(', ')} (have: ${names.join(', ') || 'none'})`);
  return names.filter((name) => only.includes(name));
}
