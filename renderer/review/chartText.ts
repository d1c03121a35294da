/**
 * Breaks a label into lines of at most `width` characters at spaces (a word
 * longer than a line is cut), at most `lines` lines, the last ending in "…"
 * when text is left over. SVG text does not wrap by itself.
 */
export function wrapLabel(text: string, width: number, lines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!.length > width ? `${words[i]!.slice(0, width - 1)}…` : words[i]!;
    const joined = line ? `${line} ${word}` : word;
    if (joined.length <= width) {
      line = joined;
      continue;
    }
    out.push(line);
    line = word;
    if (out.length === lines) break;
  }
  if (out.length < lines && line) {
    out.push(line);
    line = '';
  }
  const rest = i < words.length || line !== '';
  if (rest && out.length > 0) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  }
  return out;
}

/**
 * Breaks a label into lines of at most `width` characters at spaces, keeping
 * every character: a word longer than a line is split across lines, never
 * cut. For figures whose rows grow to hold their labels.
 */
export function wrapWhole(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (joined.length <= width) {
      line = joined;
      continue;
    }
    if (line) out.push(line);
    let rest = word;
    while (rest.length > width) {
      out.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    line = rest;
  }
  if (line) out.push(line);
  return out;
}
