// electron-vite: main (ESM source → out/main/index.cjs, matching package.json "main"), preload (CommonJS,
// because a sandboxed preload must be CommonJS → out/preload/index.cjs) and the renderer (src/renderer).
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { devCspPlugin } from './vite.web.config';
import { ISOLATION_HEADERS } from './src/main/security';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The document worker (src/main/document-worker.ts) is a second entry: out/main/document-worker.cjs.
        input: { index: resolve('src/main/index.ts'), 'document-worker': resolve('src/main/document-worker.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require() from node_modules: bundle everything into one file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), devCspPlugin()],
    server: { fs: { allow: [resolve('.')] }, headers: ISOLATION_HEADERS },
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      target: 'es2022',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
