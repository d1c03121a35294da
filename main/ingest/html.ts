import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { CrosscheckError, isCrosscheckError } from '../contract/errors.ts';
import { measureMarkup } from './markupShape.ts';

export interface HtmlArticle {
  text: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
}

/** Fewer readable words than this means the page holds no article (a shell of scripts and frames, a login wall). */
export const MIN_ARTICLE_WORDS = 25;

/**
 * Limits on the shape of a page. Readability's time grows much faster than the
 * nesting depth (seconds at a few hundred levels, minutes at two thousand), so a
 * hostile page could stall an import; real article pages stay far below both.
 */
export const MAX_NESTING_DEPTH = 256;
export const MAX_ELEMENTS = 100_000;
/**
 * Building the DOM is itself quadratic in depth (seconds at 100,000 levels), so a
 * linear scan of the tags refuses grossly nested markup before parsing. It counts
 * loosely (an unclosed tag counts as open), hence its larger margin.
 */
const MAX_TAG_DEPTH_ESTIMATE = 4 * MAX_NESTING_DEPTH;
/**
 * Attributes are counted before parsing: a page of 800,000 kept the extractor busy
 * for minutes, and parsing alone costs about 10 µs per attribute. An article page
 * carries a few per element (the saved pages in tests/fixtures: under one per
 * element), so the limits allow several per element at MAX_ELEMENTS' scale while
 * keeping the worst page near a second (measured with tests/bench/hostileInputs.ts).
 */
export const MAX_ATTRIBUTES_PER_ELEMENT = 1_000;
export const MAX_ATTRIBUTES = 60_000;
/**
 * The attributes Readability reads (to score, to judge visibility, to keep links
 * and dates). The rest are dropped before it runs: it walks every attribute of
 * every node several times, which made 100,000 attributes cost 4 s instead of 0.5 s.
 */
const READ_ATTRIBUTES = new Set([
  'class',
  'id',
  'style',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'role',
  'href',
  'src',
  'srcset',
  'rel',
  'name',
  'content',
  'property',
  'itemprop',
  'itemtype',
  'itemscope',
  'datetime',
  'lang',
  'dir',
  'title',
  'alt',
  'colspan',
  'rowspan',
  'summary',
  'width',
  'height',
  'type',
]);

/** Elements that carry no article text and may carry code; removed before anything reads the page. */
const INERT = 'script, style, noscript, iframe, frame, frameset, object, embed, template, svg, canvas, form';
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'BLOCKQUOTE',
  'PRE',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'FIGURE',
  'FIGCAPTION',
  'TABLE',
  'TR',
  'HR',
  'ADDRESS',
]);

/**
 * The article in a saved web page: body extracted by Readability, metadata
 * from the page's own tags. linkedom is a DOM without a script engine, so page
 * scripts never run; they are also stripped before Readability sees the page.
 */
export function extractHtmlArticle(html: string): HtmlArticle {
  try {
    return extractFromPage(html);
  } catch (error) {
    if (isCrosscheckError(error)) throw error;
    // A pathological page (nesting tens of thousands deep) must fail as a bad file, not stop a whole batch.
    throw new CrosscheckError('unsupported_file', `the page could not be read as an article (${(error as Error).message})`);
  }
}

function extractFromPage(html: string): HtmlArticle {
  assertShallowMarkup(html);
  const { document } = parseHTML(html);
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const value = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)?.getAttribute('content')?.trim();
      if (value) return value;
    }
    return null;
  };
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || meta('og:url');
  const metadata = {
    title: meta('og:title', 'twitter:title'),
    outlet: meta('og:site_name', 'application-name'),
    byline: meta('author', 'article:author', 'byl'),
    published: isoDate(
      meta('article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'DC.date.issued') ??
        document.querySelector('time[datetime]')?.getAttribute('datetime') ??
        null,
    ),
  };
  for (const element of document.querySelectorAll(INERT)) element.remove();
  for (const element of document.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) if (!READ_ATTRIBUTES.has(name)) element.removeAttribute(name);
  }
  assertReadableShape(document.documentElement as unknown as ElementLike);
  const parsed = new Readability(document as unknown as Document).parse();
  const text = parsed?.content ? blockText(parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document.body) : '';
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_ARTICLE_WORDS) {
    throw new CrosscheckError(
      'unsupported_file',
      `no article found in the page: ${words} readable words (at least ${MIN_ARTICLE_WORDS} needed); scripts, frames and markup are never imported`,
    );
  }
  return {
    text,
    title: metadata.title ?? clean(parsed?.title),
    byline: metadata.byline ?? clean(parsed?.byline),
    outlet: metadata.outlet ?? clean(parsed?.siteName),
    url: httpUrl(canonical),
    published: metadata.published ?? isoDate(parsed?.publishedTime ?? null),
  };
}

function assertShallowMarkup(html: string): void {
  measureMarkup(html, {
    maxDepth: MAX_TAG_DEPTH_ESTIMATE,
    depthInMessage: MAX_NESTING_DEPTH,
    maxElements: MAX_ELEMENTS,
    maxAttributesPerElement: MAX_ATTRIBUTES_PER_ELEMENT,
    maxAttributes: MAX_ATTRIBUTES,
  });
}

interface ElementLike {
  children: ArrayLike<ElementLike>;
}

function assertReadableShape(root: ElementLike): void {
  const stack: Array<[ElementLike, number]> = [[root, 1]];
  let elements = 0;
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH)
      throw new CrosscheckError('unsupported_file', `the page nests elements more than ${MAX_NESTING_DEPTH} deep; no article page does`);
    if (++elements > MAX_ELEMENTS) throw new CrosscheckError('unsupported_file', `the page has more than ${MAX_ELEMENTS} elements; no article page does`);
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
}

/** Plain text with one blank line between blocks, whitespace inside a block collapsed as a browser shows it. */
function blockText(root: { childNodes: ArrayLike<unknown> }): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
    if (line) blocks.push(line);
    current = '';
  };
  const walk = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown> }) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    if (node.nodeName === 'BR') current += '\n';
    const block = BLOCKS.has(node.nodeName);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child as typeof node);
    if (block) flush();
  };
  for (const child of Array.from(root.childNodes)) walk(child as Parameters<typeof walk>[0]);
  flush();
  return blocks.join('\n\n');
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The calendar date a timestamp states, as written (its own time zone, not converted). */
function isoDate(value: string | null): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  if (!match) return null;
  const date = new Date(`${match[0]}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(match[0]) ? match[0] : null;
}
