import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const projectPath = (relative: string) => join(root, relative);
export const BUILD_STAMP = projectPath('dist/.build-fingerprint');

const SOURCES = ['main', 'renderer', 'package.json', 'vite.config.ts'];

/** Names, sizes and modification times of every source: cheap, and changes whenever a rebuild is due. */
export function sourceFingerprint(): string {
  const entries: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      entries.push(`${path.slice(root.length)}:${stat.size}:${stat.mtimeMs}`);
    }
  };
  for (const source of SOURCES) visit(projectPath(source));
  return entries.join('\n');
}

export function isBuildCurrent(): boolean {
  return existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, 'utf8') === sourceFingerprint();
}
