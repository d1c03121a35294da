/**
 * Builds the benchmark pages (Crosscheck's reading pane, Recogito's text
 * annotator, the bare article) with Vite into a temporary folder and serves them, with the
 * generated article as `article.json`, from a loopback HTTP server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { readStaticFile } from '../../../main/server/staticFiles.ts';
import type { BenchArticle } from './pages/benchArticle.ts';

/** The two tools, and the plain article with no tool: the floor under both. */
export type BenchPageName = 'crosscheck' | 'recogito' | 'plain';

const PAGES_DIR = join(import.meta.dirname, 'pages');

export interface BenchPages {
  url(page: BenchPageName): string;
  close(): Promise<void>;
}

/** `minify: false` keeps function names readable in a CPU profile (profilePage.ts); the benchmark times the minified pages. */
export async function serveBenchPages(article: BenchArticle, { minify = true }: { minify?: boolean } = {}): Promise<BenchPages> {
  const outDir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-pages-'));
  await build({
    configFile: false,
    root: PAGES_DIR,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false, // a fresh temporary folder each time
      target: 'es2023',
      minify,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        input: { crosscheck: join(PAGES_DIR, 'crosscheck.html'), recogito: join(PAGES_DIR, 'recogito.html'), plain: join(PAGES_DIR, 'plain.html') },
      },
    },
  });
  const articleJson = Buffer.from(JSON.stringify(article));
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = path === '/article.json' ? { body: articleJson, contentType: 'application/json' } : await readStaticFile(outDir, path);
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://127.0.0.1:${port}/${page}.html`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
