/**
 * Inputs built to make a parser or a search slow: what a hostile or broken file
 * does to an importer, and what one keystroke does to search over a huge article.
 * Shared by the fuzz tier (with a time budget per request) and the hostile-input benchmark.
 */

const paragraph = (i: number) => `<p>Paragraph ${i} of a long report says the officials met again on Tuesday to discuss the agreement in detail.</p>\n`;

/** A real-looking article whose markup then opens comments that never close, to `bytes`: each one runs to the end of the page. */
export function unclosedCommentPage(bytes: number): string {
  const head = `<!doctype html><html><head><title>Report</title></head><body><article>${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('')}</article><!--`;
  return head + ' x <!--'.repeat(Math.ceil(Math.max(0, bytes - head.length) / 7)).slice(0, Math.max(0, bytes - head.length));
}

/** The same with script elements that never close. */
export function unclosedScriptPage(bytes: number): string {
  const head = `<!doctype html><html><head><title>Report</title></head><body><article>${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('')}</article><script>`;
  return head + 'var a = "</scr" + "<p>";<script>\n'.repeat(Math.ceil(Math.max(0, bytes - head.length) / 32)).slice(0, Math.max(0, bytes - head.length));
}

/** One element carrying `count` attributes (about 12 bytes each). */
export function manyAttributesPage(count: number): string {
  const attributes = Array.from({ length: count }, (_, i) => ` a${i.toString(36)}="v"`).join('');
  return `<!doctype html><html><body><div${attributes}>${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('')}</div></body></html>`;
}

/** `count` attributes spread over many elements, each within the per-element limit. */
export function manyAttributesSpreadPage(count: number, perElement = 500): string {
  const elements: string[] = [];
  for (let done = 0; done < count; done += perElement) {
    elements.push(`<span${Array.from({ length: Math.min(perElement, count - done) }, (_, i) => ` a${i.toString(36)}="v"`).join('')}>w</span>`);
  }
  return `<!doctype html><html><body><article>${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('')}${elements.join('')}</article></body></html>`;
}

/** A tag opened and never closed, with `bytes` of attribute-looking text after it. */
export function unclosedTagPage(bytes: number): string {
  const head = `<!doctype html><html><body><article>${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('')}</article><div `;
  return head + 'a=b '.repeat(Math.ceil(bytes / 4)).slice(0, bytes);
}

/** Plain text of `bytes` where one letter starts almost every word: a one-letter search hits it everywhere. */
export function oneLetterEverywhereText(bytes: number): string {
  const sentence = 'a as at an and ask also away after again about above across ';
  return ('A report. ' + sentence.repeat(Math.ceil(bytes / sentence.length))).slice(0, bytes).trimEnd() + '.';
}
