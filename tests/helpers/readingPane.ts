import type { Page } from 'playwright-core';

/** Reading-pane gestures for end-to-end tests: what a person does with the mouse over the article text. */

/** Screen positions of the first and last character of `quote` in the reading pane, which may span several leaves. */
export async function quoteEdges(page: Page, quote: string) {
  return page.evaluate((needle) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(document.querySelector('.article-text')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('[data-slate-zero-width]')) nodes.push(node as Text);
    const whole = nodes.map((n) => n.data).join('');
    const at = whole.indexOf(needle);
    if (at < 0) throw new Error(`not on screen: ${needle}`);
    const locate = (offset: number, preferEnd: boolean) => {
      let seen = 0;
      for (const node of nodes) {
        if (offset < seen + node.length || (preferEnd && offset === seen + node.length)) return { node, offset: offset - seen };
        seen += node.length;
      }
      throw new Error('offset past the text');
    };
    const range = document.createRange();
    const start = locate(at, false);
    const end = locate(at + needle.length, true);
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return { start: { x: first.left + 1, y: first.top + first.height / 2 }, end: { x: last.right - 1, y: last.top + last.height / 2 } };
  }, quote);
}

export async function drag(page: Page, quote: string): Promise<void> {
  await page.getByText(quote, { exact: false }).first().scrollIntoViewIfNeeded();
  const { start, end } = await quoteEdges(page, quote);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}
