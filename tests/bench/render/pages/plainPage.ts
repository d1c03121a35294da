// The floor under both tools: the same page, fetch and typography with no
// annotation tool at all, laying out only the article's first screen, as
// Crosscheck's pane lays out only what is near the viewport: nothing that shows
// this article can do less. The first span is one hand-made <mark>, so the probe's
// ready condition means the same thing here; adding a highlight wraps a word in
// one more <mark>, the least DOM work any tool could do.
import '../../../../renderer/styles.css';
import './benchPage.css';
import { fetchBenchArticle, renderFirstScreen, spanId, type AddedSpan } from './benchArticle.ts';

const { text, spans } = await fetchBenchArticle();
const [firstLine] = renderFirstScreen(text);
/** Wraps [start, end) of the first line — where every span the harness adds lies, each inside one text node — in a mark. */
const mark = (id: number, start: number, end: number) => {
  const walker = document.createTreeWalker(firstLine!, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent!.length;
    if (offset + length >= end) {
      const range = document.createRange();
      range.setStart(node, Math.max(0, start - offset));
      range.setEnd(node, end - offset);
      const element = document.createElement('mark');
      element.dataset.annotationId = String(id);
      range.surroundContents(element);
      return;
    }
    offset += length;
  }
};
const first = spans[0]!;
mark(spanId(0), first.start, Math.min(first.end, firstLine!.textContent!.length));
window.benchTool = { addHighlight: (span: AddedSpan) => mark(span.id, span.start, span.end) };
