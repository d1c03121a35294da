/** Plain-text tables for people; `--json` output never goes through here. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell)).replace(/\s+/g, ' ')));
  const widths = headers.map((header, i) => Math.min(60, Math.max(header.length, ...cells.map((row) => row[i]!.length))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (cell.length > widths[i]! ? cell.slice(0, widths[i]! - 1) + '…' : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
