import { CONTENT_SECURITY_POLICY } from '../api/contentSecurityPolicy.ts';
import type { ServedDownloads } from '../api/downloads.ts';
import { readStaticFile } from '../server/staticFiles.ts';
import { APP_HOST } from './windowOptions.ts';

/**
 * The answer of the app:// protocol: the built renderer's files, each with
 * the Content-Security-Policy, and the downloads under /export/. Uses only
 * the web Response, so it runs in tests without Electron.
 */
export async function serveAppFile(rendererDir: string, method: string, requestUrl: string, downloads?: ServedDownloads): Promise<Response> {
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (method !== 'GET' && method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
  if (url.host === APP_HOST && url.pathname.startsWith('/export/') && downloads) {
    const download = await downloads(url.pathname, url.searchParams);
    if (!download.ok) return new Response(download.error.message, { status: download.error.code === 'not_found' ? 404 : 400, headers });
    const { fileName, contentType, chunks } = download.value;
    const body = method === 'HEAD' ? null : byteStream(chunks);
    return new Response(body, { headers: { ...headers, 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` } });
  }
  const file = url.host === APP_HOST ? await readStaticFile(rendererDir, url.pathname) : null;
  if (!file) return new Response('Not found', { status: 404, headers });
  return new Response(method === 'HEAD' ? null : new Uint8Array(file.body), { headers: { ...headers, 'content-type': file.contentType } });
}

/** Text chunks as a byte stream, made as the reader pulls; a cancelled download stops the export. */
function byteStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
