import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLongArticle } from './longArticle.ts';

/** `count` distinct article files of about 600 words, a tenth of them saved web pages with a script and a menu around the article: what an import benchmark reads. */
export function writeArticleFiles(folder: string, count: number): void {
  mkdirSync(folder);
  for (let i = 0; i < count; i++) {
    const { text } = generateLongArticle({ words: 600, spans: 1, seed: 100_000 + i });
    const headline = `Report ${i} on drones and support`;
    if (i % 10 === 0) {
      const body = text
        .split('\n\n')
        .map((p) => `<p>${p}</p>`)
        .join('');
      writeFileSync(
        join(folder, `${i}.html`),
        `<!doctype html><html><head><title>${headline}</title><meta property="og:site_name" content="Outlet ${i % 40}"><script>track()</script></head><body><nav>Home</nav><article><h1>${headline}</h1>${body}</article></body></html>`,
      );
    } else {
      writeFileSync(join(folder, `${i}.txt`), `${headline}\n\nDecember 09, 2022\n\n${text}\n`);
    }
  }
}
