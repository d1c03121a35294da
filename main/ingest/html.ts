import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { CrosscheckError } from '../api/errors.ts';

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

/** Elements that carry no article text and may carry code; removed before anything reads the page. */
const INERT = 'script, style, noscript, iframe, frame, frameset, object, embed, template, svg, canvas, form';
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'BLOCKQUOTE', 'PRE', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'HR', 'ADDRESS',
]);

/**
 * The article in a saved web page: body extracted by Readability, metadata
 * from the page's own tags. linkedom is a DOM without a script engine, so page
 * scripts never run; they are also stripped before Readability sees the page.
 */
export function extractHtmlArticle(html: string): HtmlArticle {
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
    published: isoDate(meta('article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'DC.date.issued') ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null),
  };
  for (const element of document.querySelectorAll(INERT)) element.remove();
  const parsed = new Readability(document as unknown as Document).parse();
  const text = parsed?.content ? blockText(parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document.body) : '';
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_ARTICLE_WORDS) {
    throw new CrosscheckError('unsupported_file', `no article found in the page: ${words} readable words (at least ${MIN_ARTICLE_WORDS} needed); scripts, frames and markup are never imported`);
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
