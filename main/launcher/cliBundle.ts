/**
 * The command line as pre-built JavaScript: `dist/cli/`, one entry and a chunk per lazily loaded verb.
 * Node strips the types of every `.ts` file it loads, which on this two-core machine cost about as much
 * as the whole 300 ms start budget (bench:cli-start); the bin (main/cli/crosscheck.js) runs this bundle
 * when it is as new as the sources it was built from, and the sources otherwise.
 */
import { build as esbuild, type Plugin } from 'esbuild';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { projectPath } from './buildState.ts';

/** Where the bundle goes, and the list of sources it was built from (read by main/cli/bundledCli.js). */
export const CLI_BUNDLE_DIR = 'dist/cli';
export const CLI_BUNDLE_ENTRY = 'cli.mjs';
export const CLI_BUNDLE_SOURCES = 'sources.json';

/**
 * Each module keeps the address of its source file as `import.meta.url`, so what it finds beside itself
 * (worker scripts, seeds, the renderer, the lexicon, the matcher's fingerprint over its own room) is
 * found exactly as when the CLI runs from source. The address is computed from the chunk's own at run
 * time, so the project folder can move.
 */
function sourceAddressPlugin(outdir: string): Plugin {
  return {
    name: 'source-address',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return { contents, loader: 'ts' };
        const fromChunk = relative(outdir, args.path).split('\\').join('/');
        return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

export async function buildCliBundle(): Promise<void> {
  const outdir = projectPath(CLI_BUNDLE_DIR);
  // Chunk names carry a hash of their content: without emptying the folder, every build would leave the last one's.
  await rm(outdir, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: projectPath('.'),
    entryPoints: { cli: projectPath('main/cli/cli.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Verbs stay in chunks of their own, loaded when they run, as main/cli/commands/index.ts intends.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // Pure-JavaScript packages (zod, linkedom, csv-stringify, readability) are bundled: resolving their
    // hundreds of files one by one cost more than their code at start (bench:cli-start profile). Native
    // addons, pdf.js (which starts its own worker) and the build and server tools load from node_modules.
    external: ['better-sqlite3', 'sqlite-vec', 'pdfjs-dist', 'pg', 'electron', 'esbuild', 'vite', '@energetic-ai/*'],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceAddressPlugin(outdir)],
  });
  const files = await Promise.all(
    Object.keys(result.metafile.inputs).map(async (path) => {
      const info = await stat(projectPath(path));
      return [relative(projectPath('.'), projectPath(path)).split('\\').join('/'), info.size, info.mtimeMs] as const;
    }),
  );
  await writeFile(projectPath(`${CLI_BUNDLE_DIR}/${CLI_BUNDLE_SOURCES}`), JSON.stringify({ entry: CLI_BUNDLE_ENTRY, files }));
}
