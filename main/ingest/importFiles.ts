import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportResult } from '../api/contract.ts';
import { isCrosscheckError } from '../api/errors.ts';
import { insertArticle, type NewArticle } from '../corpus/articles.ts';
import type { Db } from '../corpus/database.ts';
import { findPreviousVersion } from '../corpus/articleVersions.ts';
import { setByline } from '../corpus/bylines.ts';
import { keepCapture, keepPageStarts, type Capture } from '../corpus/capturedSources.ts';
import { extractHtmlArticle } from './html.ts';
import { extractMetadata } from './metadata.ts';
import { supersedeArticle } from './newVersion.ts';
import { normaliseText } from './normalise.ts';
import { isPdfFile, readPdfArticle } from './pdf/pdfArticle.ts';
import { decodeTextFile, isHtmlFile } from './textFile.ts';

/** An article as read from a file, before it is stored, with the byline a web page names and the media type it was read as. */
function readArticleFile(fileName: string, bytes: Uint8Array): ReadArticle {
  if (isPdfFile(fileName)) return { ...readPdfArticle(fileName, bytes), mediaType: 'application/pdf' };
  const decoded = decodeTextFile(fileName, bytes);
  if (isHtmlFile(fileName)) {
    const { byline, ...page } = extractHtmlArticle(decoded);
    return { article: { ...page, text: normaliseText(page.text), fileName }, byline, mediaType: 'text/html' };
  }
  const text = normaliseText(decoded);
  return { article: { text, ...extractMetadata(text), url: null, fileName }, byline: null, mediaType: mediaTypeOf(fileName) };
}

interface ReadArticle {
  article: NewArticle;
  byline: string | null;
  mediaType: string;
  /** Where each page begins in the text, for a paged source. */
  pageStarts?: readonly number[];
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
  try {
    const { article, byline, mediaType, pageStarts } = readArticleFile(fileName, bytes);
    // A page fetched from the web that names no canonical address is known by the one it came from.
    if (article.url === null && origin.address) article.url = origin.address;
    return db.transaction((): ImportResult => {
      const previous = findPreviousVersion(db, article);
      const outcome = insertArticle(db, article, actor);
      if (outcome.status === 'imported' && byline) setByline(db, outcome.articleId, byline);
      if (outcome.status === 'imported') {
        keepCapture(db, outcome.articleId, { bytes, mediaType, fileName, ...origin }, actor);
        if (pageStarts) keepPageStarts(db, outcome.articleId, pageStarts);
      }
      if (outcome.status === 'duplicate' || previous === null) return { file: fileName, ...outcome };
      return { file: fileName, ...outcome, supersedes: previous, ...supersedeArticle(db, previous, outcome.articleId, actor) };
    }).immediate();
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return { file: fileName, status: 'failed', reason: error.message };
  }
}

/**
 * Files stored per commit when importing many. Each file is still a savepoint
 * of its own, so a bad file leaves nothing behind; grouping the commits saves a
 * disk sync per file, which is most of the time a large folder takes.
 */
const FILES_PER_COMMIT = 100;

/** Imports files and folders (recursively, in name order, skipping hidden entries); one result per file. */
export function importPaths(db: Db, paths: readonly string[], actor: string): ImportResult[] {
  // In the order given: a file to import, or the reason a path could not be read.
  const work: Array<string | ImportResult> = [];
  for (const path of paths) {
    try {
      work.push(...(statSync(path).isDirectory() ? listFiles(path) : [path]));
    } catch (error) {
      work.push({ file: path, status: 'failed', reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error) });
    }
  }
  const importBatch = db.transaction((batch: Array<string | ImportResult>) => batch.map((item) => (typeof item === 'string' ? importFile(db, item, actor) : item)));
  const results: ImportResult[] = [];
  for (let i = 0; i < work.length; i += FILES_PER_COMMIT) results.push(...importBatch.immediate(work.slice(i, i + FILES_PER_COMMIT)));
  return results;
}

function importFile(db: Db, file: string, actor: string): ImportResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { file, status: 'failed', reason: `cannot read: ${(error as Error).message}` };
  }
  return { ...importContent(db, basename(file), bytes, actor), file };
}

function mediaTypeOf(fileName: string): string {
  return /\.(md|markdown)$/i.test(fileName) ? 'text/markdown' : 'text/plain';
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(folder, entry.name);
      return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
    });
}
