import { extname } from 'node:path';
import { CrosscheckError } from '../api/errors.ts';
import { MAX_TEXT_LENGTH } from '../api/contract.ts';

/** Largest file accepted, in bytes: far above any article, low enough to refuse a stray dump. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;

export function isSupportedFile(name: string): boolean {
  return (TEXT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/**
 * Decodes the bytes of a text file, refusing what is not an article: other
 * formats, binary data, invalid UTF-8, empty files and files over the size limit.
 */
export function decodeTextFile(name: string, bytes: Uint8Array): string {
  if (!isSupportedFile(name)) {
    const ext = extname(name) || '(no extension)';
    throw new CrosscheckError('unsupported_file', `unsupported file type ${ext} (supported: ${TEXT_EXTENSIONS.join(', ')})`);
  }
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new CrosscheckError('unsupported_file', `file is ${bytes.byteLength} bytes, over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`);
  }
  if (bytes.includes(0)) throw new CrosscheckError('unsupported_file', 'file looks binary (it contains NUL bytes), not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CrosscheckError('unsupported_file', 'file is not valid UTF-8 text');
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new CrosscheckError('unsupported_file', 'file is empty');
  if (text.length > MAX_TEXT_LENGTH) throw new CrosscheckError('unsupported_file', `text is longer than ${MAX_TEXT_LENGTH} characters`);
  return text;
}
