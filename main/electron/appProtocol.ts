import { CONTENT_SECURITY_POLICY } from '../api/contentSecurityPolicy.ts';
import { readStaticFile } from '../server/staticFiles.ts';
import { APP_HOST } from './windowOptions.ts';

/**
 * The answer of the app:// protocol: the built renderer's files, each with
 * the Content-Security-Policy, and nothing else. Uses only the web Response,
 * so it runs in tests without Electron.
 */
export async function serveAppFile(rendererDir: string, method: string, requestUrl: string): Promise<Response> {
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (method !== 'GET' && method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
  const file = url.host === APP_HOST ? await readStaticFile(rendererDir, url.pathname) : null;
  if (!file) return new Response('Not found', { status: 404, headers });
  return new Response(method === 'HEAD' ? null : new Uint8Array(file.body), { headers: { ...headers, 'content-type': file.contentType } });
}
