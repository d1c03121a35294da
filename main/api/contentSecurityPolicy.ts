/**
 * The renderer's Content-Security-Policy, the same in Electron and in browser
 * mode: nothing but the app's own files, no inline or evaluated script.
 * Inline style stays allowed because Slate positions its placeholders with it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
