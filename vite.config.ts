import { defineConfig } from 'vite';

// The renderer is built into dist/renderer with relative asset paths, so the same
// files load from Electron's app:// protocol and from browser mode's HTTP server.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
