/**
 * Metadata read from an article's own text. Only what the text states is taken:
 * a field the text does not give stays null rather than being guessed.
 */
export interface TextMetadata {
  title: string | null;
  outlet: string | null;
  published: string | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|${MONTHS.map((m) => m.slice(0, 3)).join('|')})\\.?`;
/** "11 December, 2022" and "December 09, 2022" (with optional comma). */
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i');
/** The header some collectors write as the file's first line: " date 2022-12-10 ...". */
const DATE_HEADER = /^\s*date\s+(\d{4}-\d{2}-\d{2})\b/i;

/** How far into a file the header area (headline, byline, dateline) may reach. */
const HEADER_LINES = 15;
/** A line this long that reads as prose means the article body has begun. */
const BODY_LINE_LENGTH = 100;
/** A dateline ("WASHINGTON, March 3 (Reuters) -") or a date line is short; a longer line holding a date is prose. */
const DATELINE_MAX_LENGTH = 80;

export function extractMetadata(text: string): TextMetadata {
  const lines = headerLines(text);
  return { title: findTitle(lines), outlet: findOutlet(text, lines), published: findPublished(lines) };
}

/** The lines before the body starts: where a headline, byline and dateline live. */
function headerLines(text: string): string[] {
  const result: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (result.length >= HEADER_LINES || (line.length > BODY_LINE_LENGTH && endsLikeSentence(line))) break;
    result.push(line);
  }
  return result;
}

function endsLikeSentence(line: string): boolean {
  return /[.!?…]["'”’)]*$/.test(line) || /[.!?]\s*["”’']$/.test(line);
}

function findPublished(lines: string[]): string | null {
  const header = lines.length > 0 ? DATE_HEADER.exec(lines[0]!) : null;
  if (header) return validDate(header[1]!);
  for (const line of lines) {
    if (line.length > DATELINE_MAX_LENGTH || /^(last\s+)?(modified|updated)\b/i.test(line)) continue;
    const date = parseDate(line);
    if (date) return date;
  }
  return null;
}

/** Reads "11 December, 2022" or "December 09, 2022" anywhere in `s`; null when it holds no real date. */
export function parseDate(s: string): string | null {
  const dmy = DAY_MONTH_YEAR.exec(s);
  if (dmy) return toIso(Number(dmy[3]), monthNumber(dmy[2]!), Number(dmy[1]));
  const mdy = MONTH_DAY_YEAR.exec(s);
  if (mdy) return toIso(Number(mdy[3]), monthNumber(mdy[1]!), Number(mdy[2]));
  return null;
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3))) + 1;
}

function toIso(year: number, month: number, day: number): string | null {
  return validDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

function validDate(iso: string): string | null {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/**
 * A headline: a line of the header area that is not a sentence, not a caption
 * or a date line, and long enough not to be site furniture ("DONATE", "Sign up").
 */
function findTitle(lines: string[]): string | null {
  for (const line of lines) {
    if (DATE_HEADER.test(line)) continue;
    const words = line.split(/\s+/).length;
    if (line.length < 30 || line.length > 200 || words < 5) continue;
    if (endsLikeSentence(line) || /[):]$/.test(line) || parseDate(line)) continue;
    return line;
  }
  return null;
}

/**
 * The outlet, only where the text names itself: a disclaimer ("X does not
 * endorse"), a copyright line, or a byline that pairs an agency with the dateline
 * ("Anadolu Agency December 09, 2022"). A mention of another outlet as a source
 * ("reports BBC") is not the article's own outlet.
 */
function findOutlet(text: string, lines: string[]): string | null {
  const disclaimer = /((?:The\s+)?(?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’.-]*)\s+does not endorse\b/.exec(text);
  if (disclaimer) return disclaimer[1]!.trim();
  const copyright = /(?:©|\bCopyright\b)\s*(?:\d{4}\s*)?((?:The\s+)?(?:[A-Z][\w&'’.-]*\s*){1,5})/.exec(text);
  if (copyright) return copyright[1]!.trim().replace(/[.,]$/, '');
  for (const line of lines) {
    if (line.length > DATELINE_MAX_LENGTH || !parseDate(line)) continue;
    const byline = new RegExp(`^((?:[A-Z][\\w&'’.-]*\\s+){0,3}(?:Agency|News|Press|Times|Post|Report|Wire))\\s+(?:\\d{1,2}\\s+)?${MONTH}`, 'i').exec(line);
    if (byline) return byline[1]!.trim();
  }
  return null;
}
