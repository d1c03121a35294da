import type { GeneratedSpan } from '../../longArticle.ts';

/** What the bench server hands both pages: the generated article, verbatim. */
export interface BenchArticle {
  text: string;
  spans: GeneratedSpan[];
}

/** The span a benchmark adds, with the id the probe waits for. */
export interface AddedSpan extends GeneratedSpan {
  id: number;
}

/** Both tools read the article over HTTP from the same loopback server, so fetching and parsing cost them the same. */
export async function fetchBenchArticle(): Promise<BenchArticle> {
  const response = await fetch('./article.json');
  if (!response.ok) throw new Error(`article.json: HTTP ${response.status}`);
  return (await response.json()) as BenchArticle;
}

/**
 * More text than one 1280×800 viewport shows of the benchmark article: what the probe waits for
 * (paintProbe.ts), and all the floor page lays out.
 */
export const FIRST_SCREEN_CHARACTERS = 3_000;

/** Annotation ids of the generated spans: their 1-based position, as a corpus would number them. */
export const spanId = (index: number) => index + 1;

declare global {
  interface Window {
    /** Set by each page once its tool is up, so the harness can trigger the same action in both. */
    benchTool?: { addHighlight(span: AddedSpan): void };
  }
}

/** The article as plain `<p>` lines in Crosscheck's article typography, for the pages whose tool does not render text itself. */
export function renderArticleLines(text: string): HTMLParagraphElement[] {
  const container = document.getElementById('article')!;
  container.className = 'article-text';
  return text.split('\n').map((line) => {
    const paragraph = container.appendChild(document.createElement('p'));
    if (line === '') paragraph.className = 'blank-line';
    paragraph.textContent = line;
    return paragraph;
  });
}

/**
 * The article's first screen only, as `<p>` lines in Crosscheck's typography, and one empty block of
 * about the rest's height so the page scrolls as far: the least layout any tool showing this article
 * could do, since Crosscheck's pane too lays out only the paragraphs near the viewport.
 */
export function renderFirstScreen(text: string): HTMLParagraphElement[] {
  const container = document.getElementById('article')!;
  container.className = 'article-text';
  const lines = text.split('\n');
  const shown: HTMLParagraphElement[] = [];
  let characters = 0;
  for (const line of lines) {
    if (characters >= FIRST_SCREEN_CHARACTERS) break;
    const paragraph = container.appendChild(document.createElement('p'));
    if (line === '') paragraph.className = 'blank-line';
    paragraph.textContent = line;
    shown.push(paragraph);
    characters += line.length + 1;
  }
  // About 95 characters to a line of the 760 px column; its height is all that matters, not its text.
  const rest = container.appendChild(document.createElement('div'));
  rest.style.height = `${Math.ceil((text.length - characters) / 95) * 1.6}em`;
  return shown;
}
