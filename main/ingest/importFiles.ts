import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportResult } from '../contract/contract.ts';
import { isCrosscheckError } from '../contract/errors.ts';
import { insertArticle, type NewArticle } from '../corpus/articles.ts';
import type { Db } from '../corpus/database.ts';
import { findPreviousVersion } from '../corpus/articleVersions.ts';
import { keepCapture, keepPageStarts, type Capture } from '../corpus/capturedSources.ts';
import { extractHtmlArticle } from './html.ts';
import { extractMetadata } from './metadata.ts';
import { supersedeArticle } from './newVersion.ts';
import { normaliseText } from './normalise.ts';
import { isPdfFile, readPdfArticle } from './pdf/pdfArticle.ts';
import { charsetWarning, decodeTextFile, isHtmlFile, MAX_FILE_BYTES, refuseUnsupportedType } from './textFile.ts';

/** An article as read from a file, before it is stored: with the bytes it was read from, the byline a web page names and the media type it was read as. */
export interface ReadArticle {
  article: NewArticle;
  byline: string | null;
  bytes: Uint8Array;
  mediaType: string;
  /** Where each page begins in the text, for a paged source. */
  pageStarts?: readonly number[];
  /** What the analyst should check although the file was read (a declared encoding its bytes contradict). */
  warnings?: string[];
}

/** Reads and extracts one file's article; throws a CrosscheckError for a file it refuses. */
export function readArticleFile(fileName: string, bytes: Uint8Array): ReadArticle {
  if (isPdfFile(fileName)) return { ...readPdfArticle(fileName, bytes), bytes, mediaType: 'application/pdf' };
  const decoded = decodeTextFile(fileName, bytes);
  if (isHtmlFile(fileName)) {
    const { byline, ...page } = extractHtmlArticle(decoded);
    const warning = charsetWarning(fileName, bytes);
    return {
      article: { ...page, text: normaliseText(page.text), fileName },
      byline,
      bytes,
      mediaType: 'text/html',
      ...(warning ? { warnings: [warning] } : {}),
    };
  }
  const text = normaliseText(decoded);
  return { article: { text, ...extractMetadata(text), url: null, fileName }, byline: null, bytes, mediaType: mediaTypeOf(fileName) };
}

/** Where the bytes came from, beyond their file name: for a page fetched from the web, its address and HTTP date. */
export type CaptureOrigin = Pick<Capture, 'address' | 'httpDate' | 'capturedAt'>;

/**
 * Imports one file's content; a bad file fails with a reason and stores nothing.
 * A changed version of an article already here (same URL, or same outlet and
 * title) becomes a new article superseding the old one, with its annotations
 * re-anchored, all in one transaction.
 */
export function importContent(db: Db, fileName: string, bytes: Uint8Array, actor: string, origin: CaptureOrigin = {}): ImportResult {
  let read: ReadArticle;
  try {
    read = readArticleFile(fileName, bytes);
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return { file: fileName, status: 'failed', reason: error.message };
  }
  return storeArticle(db, fileName, read, actor, origin);
}

/** Stores an article already read, in one transaction (a savepoint inside a caller's); the write is all that runs under the lock. */
export function storeArticle(db: Db, fileName: string, read: ReadArticle, actor: string, origin: CaptureOrigin = {}): ImportResult {
  const result = storeArticleRow(db, fileName, read, actor, origin);
  return read.warnings && result.status !== 'failed' ? { ...result, warnings: read.warnings } : result;
}

function storeArticleRow(
  db: Db,
  fileName: string,
  { article, byline, bytes, mediaType, pageStarts }: ReadArticle,
  actor: string,
  origin: CaptureOrigin,
): ImportResult {
  // A page fetched from the web that names no canonical address is known by the one it came from.
  if (article.url === null && origin.address) article = { ...article, url: origin.address };
  try {
    return db
      .transaction((): ImportResult => {
        const previous = findPreviousVersion(db, article);
        const outcome = insertArticle(db, { ...article, byline }, actor);
        if (outcome.status === 'imported') {
          keepCapture(db, outcome.articleId, { bytes, mediaType, fileName, ...origin }, actor);
          if (pageStarts) keepPageStarts(db, outcome.articleId, pageStarts);
        }
        if (outcome.status === 'duplicate' || previous === null) return { file: fileName, ...outcome };
        return { file: fileName, ...outcome, supersedes: previous, ...supersedeArticle(db, previous, outcome.articleId, actor) };
      })
      .immediate();
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return { file: fileName, status: 'failed', reason: error.message };
  }
}

/**
 * Files stored per commit when importing many, and the text they may hold
 * together. Grouping commits saves a disk sync per file, which is most of the
 * time a large folder takes; each file is still a savepoint of its own, so a bad
 * file leaves nothing behind.
 */
const FILES_PER_COMMIT = 100;
const TEXT_PER_COMMIT = 8 * 1024 * 1024;
/**
 * Longest a folder import holds the write lock at once. Files are read and
 * parsed before the transaction opens, and it commits once this much time has
 * passed, so the app's writes (which wait up to 5 s for the lock) always get in
 * between. Storing one seed article takes about 5 ms (tests/bench/io.ts).
 */
export const WRITE_LOCK_BUDGET_MS = 250;

/** Imports files and folders (recursively, in name order, skipping hidden entries and listing what else it skipped); one result per file. */
export function importPaths(db: Db, paths: readonly string[], actor: string): ImportResult[] {
  // In the order given: a file to import, or the reason a path could not be read.
  const work: Array<string | ImportResult> = [];
  for (const path of paths) {
    try {
      const stats = statSync(path);
      if (stats.isDirectory()) work.push(...listFiles(path));
      else
        work.push(
          stats.isFile() ? path : { file: path, status: 'failed', reason: `not a regular file (${kindOf(stats)}); only files and folders are imported` },
        );
    } catch (error) {
      work.push({ file: path, status: 'failed', reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error) });
    }
  }
  const results: Array<ImportResult | undefined> = [];
  let pending: Array<{ index: number; file: string; read: ReadArticle }> = [];
  let pendingText = 0;
  const flush = () => {
    for (let done = 0; done < pending.length;) done += storeWithinBudget(db, pending.slice(done), actor, results);
    pending = [];
    pendingText = 0;
  };
  work.forEach((item, index) => {
    if (typeof item !== 'string') return void (results[index] = item);
    const read = readFile(item);
    if ('status' in read) return void (results[index] = read);
    pending.push({ index, file: item, read });
    pendingText += read.article.text.length;
    if (pending.length >= FILES_PER_COMMIT || pendingText >= TEXT_PER_COMMIT) flush();
  });
  flush();
  return results as ImportResult[];
}

/** Stores articles in one transaction until the lock budget is spent; returns how many it stored. */
function storeWithinBudget(
  db: Db,
  batch: Array<{ index: number; file: string; read: ReadArticle }>,
  actor: string,
  results: Array<ImportResult | undefined>,
): number {
  return db
    .transaction(() => {
      const started = performance.now();
      let stored = 0;
      for (const { index, file, read } of batch) {
        results[index] = { ...storeArticle(db, basename(file), read, actor), file };
        stored++;
        if (performance.now() - started >= WRITE_LOCK_BUDGET_MS) break;
      }
      return stored;
    })
    .immediate();
}

/**
 * Reads and parses one file, outside any transaction. Its type and size are
 * checked on the open descriptor before a byte is read, so a FIFO, a device or
 * a huge video is refused at once, even one swapped in after the folder was listed.
 */
function readFile(file: string): ReadArticle | ImportResult {
  const refuse = (reason: string): ImportResult => ({ file, status: 'failed', reason });
  try {
    refuseUnsupportedType(basename(file));
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return refuse(error.message);
  }
  let bytes: Buffer;
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO with no writer cannot wait forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return refuse(`cannot read: ${(error as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse(`not a regular file (${kindOf(stats)}); only files and folders are imported`);
    if (stats.size > MAX_FILE_BYTES) return refuse(`file is ${stats.size} bytes, over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`);
    // One byte more than the size stated, to notice a file that grew while being read.
    bytes = Buffer.alloc(Math.min(stats.size + 1, MAX_FILE_BYTES + 1));
    let length = 0;
    for (let got = -1; got !== 0 && length < bytes.length; length += got) got = readSync(fd, bytes, length, bytes.length - length, null);
    bytes = bytes.subarray(0, length);
  } catch (error) {
    return refuse(`cannot read: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
  try {
    return readArticleFile(basename(file), bytes);
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return refuse(error.message);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

function mediaTypeOf(fileName: string): string {
  return /\.(md|markdown)$/i.test(fileName) ? 'text/markdown' : 'text/plain';
}

function listFiles(folder: string): Array<string | ImportResult> {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry): Array<string | ImportResult> => {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      if (entry.isFile()) return [full];
      // Links are not followed inside a folder (a link can lead out of it, or round in a loop); named on the command line, they are.
      const kind = entry.isSymbolicLink()
        ? 'a symbolic link, not followed inside a folder'
        : entry.isFIFO()
          ? 'a named pipe'
          : entry.isSocket()
            ? 'a socket'
            : 'a device';
      return [{ file: full, status: 'skipped', reason: `skipped: ${kind}` }];
    });
}
