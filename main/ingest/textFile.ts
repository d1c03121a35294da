import { extname } from 'node:path';
import { CrosscheckError } from '../contract/errors.ts';
import { HTML_EXTENSIONS, MAX_IMPORT_BYTES, MAX_TEXT_LENGTH, PDF_EXTENSIONS, TEXT_EXTENSIONS } from '../contract/contract.ts';

/** Largest file accepted, in bytes: far above any article, low enough to refuse a stray dump. The app checks the same limit before sending. */
export const MAX_FILE_BYTES = MAX_IMPORT_BYTES;

const SUPPORTED: readonly string[] = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, ...PDF_EXTENSIONS];

export function isSupportedFile(name: string): boolean {
  return SUPPORTED.includes(extname(name).toLowerCase());
}

export function isHtmlFile(name: string): boolean {
  return (HTML_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** Refuses a file by its name's type, before any of it is read. */
export function refuseUnsupportedType(name: string): void {
  if (!isSupportedFile(name)) {
    const ext = extname(name) || '(no extension)';
    throw new CrosscheckError('unsupported_file', `unsupported file type ${ext} (supported: ${SUPPORTED.join(', ')})`);
  }
}

/**
 * Decodes the bytes of a text file, refusing what is not an article: other
 * formats, binary data, invalid UTF-8, empty files and files over the size limit.
 */
export function decodeTextFile(name: string, bytes: Uint8Array): string {
  refuseUnsupportedType(name);
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new CrosscheckError('unsupported_file', `file is ${bytes.byteLength} bytes, over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`);
  }
  if (bytes.includes(0)) throw new CrosscheckError('unsupported_file', 'file looks binary (it contains NUL bytes), not text');
  const encoding = isHtmlFile(name) && !startsWithUtf8Bom(bytes) ? (declaredHtmlEncoding(bytes) ?? 'utf-8') : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CrosscheckError('unsupported_file', `file is not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding} text`);
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new CrosscheckError('unsupported_file', 'file is empty');
  if (text.length > MAX_TEXT_LENGTH) throw new CrosscheckError('unsupported_file', `text is longer than ${MAX_TEXT_LENGTH} characters`);
  return text;
}

/**
 * The encoding a saved page declares in its first kilobyte (`<meta charset>`), as
 * browsers honour it; only labels the platform decoder knows, otherwise UTF-8.
 */
function declaredHtmlEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)?.[1];
  if (!label) return null;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return null;
  }
  // As HTML specifies: a declaration found by reading the bytes as ASCII cannot be UTF-16 (it would not have been readable), so it means UTF-8.
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  if (encoding === 'x-user-defined') return 'windows-1252';
  return encoding;
}

const startsWithUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * A warning when a page declares a single-byte encoding but its bytes are UTF-8
 * with characters beyond ASCII: read as declared, those characters turn into
 * mojibake (Ã© for é). The page is imported as it declares, as a browser shows
 * it; the analyst is told to check.
 */
export function charsetWarning(name: string, bytes: Uint8Array): string | null {
  if (!isHtmlFile(name) || startsWithUtf8Bom(bytes)) return null;
  const declared = declaredHtmlEncoding(bytes);
  if (declared === null || declared === 'utf-8') return null;
  let multiByte = false;
  for (const byte of bytes) if (byte >= 0x80) multiByte = true;
  if (!multiByte) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return `the page declares ${declared} but its bytes read as UTF-8: characters beyond ASCII may be garbled; check the text, and fix the page's <meta charset> if so`;
}
