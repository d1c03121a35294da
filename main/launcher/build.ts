/**
 * One build for everything Electron loads: the renderer (Vite) and the main
 * process and preload (esbuild, CommonJS because sandboxed preloads must be).
 * Browser mode needs only the renderer; the CLI runs its pre-built bundle when current (cliBundle.ts).
 */
import { build as esbuild } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { build as viteBuild } from 'vite';
import { writeLexicon } from '../matching/lexicon/buildLexicon.ts';
import { lexiconFolder } from '../matching/lexicon/lexicon.ts';
import { BUILD_STAMP, projectPath, sourceFingerprint } from './buildState.ts';
import { buildCliBundle } from './cliBundle.ts';

export async function buildAll(): Promise<void> {
  await viteBuild({ configFile: projectPath('vite.config.ts'), logLevel: 'warn' });
  const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning' } as const;
  await esbuild({
    ...common,
    entryPoints: [projectPath('main/electron/main.ts')],
    outfile: projectPath('dist/main.cjs'),
    external: ['electron', 'better-sqlite3'],
    // Private fields (the hub client's #token) are compiled to WeakMaps, private all the same: the security
    // scanner run on this bundle (tests/tools/electronegativityCheck.ts) cannot parse the class syntax and would skip it.
    supported: { 'class-private-field': false, 'class-private-method': false },
    // The one module that asks for its own URL (to find the CSV export's worker) copes with having none.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  await esbuild({ ...common, entryPoints: [projectPath('main/electron/preload.ts')], outfile: projectPath('dist/preload.cjs'), external: ['electron'] });
  // The thread PDFs are parsed in, beside the bundle that starts it; pdf.js stays in node_modules, as the app ships it.
  await esbuild({
    ...common,
    format: 'esm',
    entryPoints: [projectPath('main/ingest/pdf/pdfWorker.ts')],
    outfile: projectPath('dist/pdfWorker.mjs'),
    external: ['pdfjs-dist'],
  });
  // The threads that read uploads and search under a time budget, beside the bundle that starts them (api/offThread.ts).
  await esbuild({
    ...common,
    entryPoints: [projectPath('main/api/offThreadWorker.ts')],
    outfile: projectPath('dist/offThreadWorker.cjs'),
    external: ['better-sqlite3', 'pdfjs-dist'],
    logOverride: { 'empty-import-meta': 'silent' },
  });
  // The CSV export's helper threads, so the app's CSV downloads use the command line's parallel writer (exchange/csvParallelExport.ts).
  await esbuild({
    ...common,
    entryPoints: [projectPath('main/exchange/csvExportWorker.ts')],
    outfile: projectPath('dist/csvExportWorker.cjs'),
    external: ['better-sqlite3'],
    logOverride: { 'empty-import-meta': 'silent' },
  });
  // The corpus host's workers (api/corpusHost.ts): every request of the window is answered there.
  await esbuild({
    ...common,
    entryPoints: [projectPath('main/api/corpusHostWorker.ts')],
    outfile: projectPath('dist/corpusHostWorker.cjs'),
    external: ['better-sqlite3', 'pdfjs-dist'],
    supported: { 'class-private-field': false, 'class-private-method': false },
    logOverride: { 'empty-import-meta': 'silent' },
  });
  await buildCliBundle();
  // The matcher's word knowledge, generated from WordNet and word vectors in node_modules (never committed).
  writeLexicon(lexiconFolder());
  writeFileSync(BUILD_STAMP, sourceFingerprint());
}

if (import.meta.main) {
  await buildAll();
  console.log('Built dist/ (renderer, main, preload, command line, lexicon).');
}
