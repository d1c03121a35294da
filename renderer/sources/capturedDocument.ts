/**
 * What the sandboxed view of a captured page is given: the page's own bytes as
 * text, behind a Content-Security-Policy of its own that lets nothing load
 * (no script, no image, frame, font or connection from anywhere) but the page's
 * inline styles and data: images. The iframe's empty sandbox already stops
 * scripts, forms, popups and top-level navigation; the app's own policy stops
 * the frame from being navigated away to another address.
 */
export const CAPTURED_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function sandboxedDocument(html: string): string {
  // First in the document, so it governs every element after it.
  return `<meta http-equiv="Content-Security-Policy" content="${CAPTURED_PAGE_POLICY}">${html}`;
}

/** The bytes as text: UTF-8 unless the page declares another charset in its first kilobyte, as browsers do. */
export function decodeCaptured(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type CapturedKind = 'html' | 'pdf' | 'text';
export function capturedKind(mediaType: string): CapturedKind {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  return 'text';
}
