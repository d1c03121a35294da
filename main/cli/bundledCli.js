// Which entry the bin loads: the pre-built bundle (dist/cli/, made by `npm run build`) when every source
// it was built from is unchanged, otherwise the TypeScript sources. Plain JavaScript, because loading
// it must not cost the type stripping the bundle exists to skip (bench:cli-start).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The file URL of the bundle's entry when the bundle in `bundleDir` is current, or null: when it is
 * missing, unreadable, or any source it lists has changed size or modification time, or is gone.
 * @param {string} [bundleDir] the folder holding sources.json and the entry
 * @param {string} [root] the folder the listed sources are relative to
 * @returns {string | null}
 */
export function currentBundleEntry(bundleDir = join(PROJECT_ROOT, 'dist', 'cli'), root = PROJECT_ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(bundleDir, 'sources.json'), 'utf8'));
  } catch {
    return null;
  }
  if (typeof manifest?.entry !== 'string' || !Array.isArray(manifest.files)) return null;
  for (const [path, size, mtimeMs] of manifest.files) {
    const info = statSync(join(root, path), { throwIfNoEntry: false });
    if (!info || info.size !== size || info.mtimeMs !== mtimeMs) return null;
  }
  return pathToFileURL(join(bundleDir, manifest.entry)).href;
}
