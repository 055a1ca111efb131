// The renderer as a plain web page (no Electron): `npm run web` serves it, `npm run web:build` writes
// dist-web/, which the Playwright e2e tests serve with `vite preview`.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { ISOLATION_HEADERS } from './src/main/security';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/** The dev server injects an inline script (React Refresh) and ws: for hot reload; the built app does not. */
export function devCspPlugin(): Plugin {
  return {
    name: 'snn-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*"),
  };
}

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), devCspPlugin()],
  // The renderer imports src/shared and resources/examples (JSON): let the dev server read the whole repo.
  // Cross-origin isolation on every response (as the app:// protocol sends it): the CPU engine's second thread.
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [repoRoot] }, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  build: {
    outDir: '../../dist-web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
});
