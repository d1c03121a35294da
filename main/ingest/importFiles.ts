import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportResult } from '../api/contract.ts';
import { isCrosscheckError } from '../api/errors.ts';
import { insertArticle } from '../corpus/articles.ts';
import type { Db } from '../corpus/database.ts';
import { extractMetadata } from './metadata.ts';
import { normaliseText } from './normalise.ts';
import { decodeTextFile } from './textFile.ts';

/** Imports one file's content; a bad file fails with a reason and stores nothing. */
export function importContent(db: Db, fileName: string, bytes: Uint8Array, actor: string): ImportResult {
  try {
    const text = normaliseText(decodeTextFile(fileName, bytes));
    const outcome = insertArticle(db, { text, ...extractMetadata(text), url: null, fileName }, actor);
    return { file: fileName, ...outcome };
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return { file: fileName, status: 'failed', reason: error.message };
  }
}

/** Imports files and folders (recursively, in name order, skipping hidden entries); one result per file. */
export function importPaths(db: Db, paths: readonly string[], actor: string): ImportResult[] {
  const results: ImportResult[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = statSync(path).isDirectory() ? listFiles(path) : [path];
    } catch (error) {
      results.push({ file: path, status: 'failed', reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error) });
      continue;
    }
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        results.push({ file, status: 'failed', reason: `cannot read: ${(error as Error).message}` });
        continue;
      }
      results.push({ ...importContent(db, basename(file), bytes, actor), file });
    }
  }
  return results;
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
