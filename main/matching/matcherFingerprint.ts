import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which matcher computed a stored suggestion. The stored queue hides rows
 * from any other, so a changed matcher never shows what the old one found.
 * Running from the sources, it is a hash of every source file of this room
 * (the matcher, its word knowledge and how that is built); in the bundled
 * app, of the bundle itself. Either way a change to the matcher's code
 * changes it, with no version number for anyone to remember to bump; a
 * change elsewhere in the bundle costs one recomputation, never a stale row.
 */
export function matcherFingerprint(): string {
  cached ??= computeFingerprint();
  return cached;
}

let cached: string | undefined;

function computeFingerprint(): string {
  const hash = createHash('sha256');
  if (typeof import.meta.url === 'string') {
    const room = fileURLToPath(new URL('./', import.meta.url));
    for (const file of sourceFiles(room)) hash.update(file.slice(room.length)).update('\0').update(readFileSync(file)).update('\0');
  } else {
    hash.update(readFileSync(__filename));
  }
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}
