/**
 * A PDF page's text in reading order. A PDF draws glyph runs wherever the
 * producer chose, in any order; this rebuilds lines from where the runs sit
 * (top to bottom, left to right), reads a two-column page one column after the
 * other, and joins lines into paragraphs where the spacing says so.
 * Pure: it sees positions and strings, never the file.
 */
export interface TextRun {
  text: string;
  /** Baseline origin in page units (y grows upwards, as in PDF). */
  x: number;
  y: number;
  width: number;
  /** The font size the run is drawn at, in page units. */
  size: number;
}

interface Segment {
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
}

/**
 * Runs whose baselines differ by less than this share of the font size sit on
 * one line (superscripts and kerning shift them a little).
 */
const SAME_LINE = 0.5;
/** A gap wider than this many font sizes inside a line separates two columns (or a table's cells). */
const COLUMN_GAP = 1.5;
/** A gap wider than this share of the font size between runs of one line is a space the PDF did not draw. */
const WORD_GAP = 0.15;
/**
 * A line gap this many times the page's usual one starts a new paragraph.
 * Word processors put 1.2–1.5 font sizes between lines and add at least half a
 * line between paragraphs; the generated test pages use 1.3 and 2.6.
 */
const PARAGRAPH_GAP = 1.4;
/**
 * A gutter may be crossed by a few full-width lines (a headline, a footer);
 * more than this share of a page's segments crossing it means no columns.
 */
const GUTTER_CROSSINGS = 0.15;
/** Each column needs at least this many segments for a page to count as two columns. */
const MIN_COLUMN_SEGMENTS = 3;

/** The page's paragraphs in reading order, one blank line between them; empty for a page without text. */
export function pageText(runs: readonly TextRun[], pageWidth: number): string {
  const segments = lineSegments(runs);
  if (segments.length === 0) return '';
  const ordered = readingOrder(segments, pageWidth);
  return paragraphs(ordered).join('\n\n');
}

/** Runs grouped into lines, each line split where a wide gap separates columns. */
function lineSegments(runs: readonly TextRun[]): Segment[] {
  const visible = runs.filter((r) => r.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextRun[][] = [];
  for (const run of visible) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - run.y) < SAME_LINE * Math.max(run.size, line[0]!.size)) line.push(run);
    else lines.push([run]);
  }
  const segments: Segment[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    let current: Segment | null = null;
    for (const run of line) {
      const gap: number = current ? run.x - current.x1 : 0;
      if (current && gap <= COLUMN_GAP * run.size) {
        const needsSpace = gap > WORD_GAP * run.size && !/\s$/.test(current.text) && !/^\s/.test(run.text);
        current.text += (needsSpace ? ' ' : '') + run.text;
        current.x1 = Math.max(current.x1, run.x + run.width);
        continue;
      }
      if (current) segments.push(current);
      current = { x0: run.x, x1: run.x + run.width, y: line[0]!.y, size: run.size, text: run.text };
    }
    if (current) segments.push(current);
  }
  return segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() }));
}

/**
 * Top to bottom; where a vertical gutter splits the page, each band between
 * full-width lines is read left column first, then right.
 */
function readingOrder(segments: Segment[], pageWidth: number): Segment[] {
  const gutter = findGutter(segments, pageWidth);
  if (gutter === null) return segments;
  const ordered: Segment[] = [];
  let left: Segment[] = [];
  let right: Segment[] = [];
  const flush = () => {
    ordered.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const segment of segments) {
    if (segment.x1 <= gutter) left.push(segment);
    else if (segment.x0 >= gutter) right.push(segment);
    else {
      flush();
      ordered.push(segment);
    }
  }
  flush();
  return ordered;
}

function findGutter(segments: Segment[], pageWidth: number): number | null {
  let best: { x: number; crossings: number } | null = null;
  for (let x = pageWidth * 0.3; x <= pageWidth * 0.7; x += 2) {
    let crossings = 0;
    let leftCount = 0;
    let rightCount = 0;
    for (const s of segments) {
      if (s.x0 < x && s.x1 > x) crossings++;
      else if (s.x1 <= x) leftCount++;
      else rightCount++;
    }
    if (leftCount < MIN_COLUMN_SEGMENTS || rightCount < MIN_COLUMN_SEGMENTS) continue;
    if (!best || crossings < best.crossings) best = { x, crossings };
  }
  return best && best.crossings <= GUTTER_CROSSINGS * segments.length ? best.x : null;
}

/** Lines joined into paragraphs: a new one where the line gap widens or reading jumps to another column. */
function paragraphs(lines: Segment[]): string[] {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (gap > 0) gaps.push(gap / lines[i]!.size);
  }
  const usual = gaps.length > 0 ? gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 4)]! : Infinity;
  const result: string[] = [];
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const previous = lines[i - 1];
    const gap = previous ? (previous.y - line.y) / line.size : 0;
    const breaks = previous === undefined || gap <= 0 || gap > PARAGRAPH_GAP * usual;
    if (breaks) {
      if (current) result.push(current);
      current = line.text;
    } else {
      // A word broken at the line end keeps its hyphen: "well-known" must survive, and "exam-ple" still finds "exam".
      current += /\p{L}-$/u.test(current) ? line.text : ` ${line.text}`;
    }
  }
  if (current) result.push(current);
  return result;
}
