// Serves the 3D view harness (bench/view3d/harness) with Vite on 127.0.0.1:<port>; used by the benchmark and
// by hand: `npx tsx bench/view3d/serve.ts 5174`, then open http://127.0.0.1:5174/?example=coincidence-detection
import { createServer, type ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Port 0 picks a free port (tests running side by side); read it back with harnessUrl(). */
export async function serveHarness(port: number): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('./harness', import.meta.url)),
    plugins: [react()],
    logLevel: 'warn',
    // Both pages up front: a dependency found only when transport.html loads would make Vite reload the page.
    optimizeDeps: { entries: ['index.html', 'transport.html'] },
    server: { host: '127.0.0.1', port, strictPort: port !== 0, fs: { allow: [repoRoot] } },
  });
  await server.listen();
  return server;
}

export function harnessUrl(server: ViteDevServer): string {
  const a = server.httpServer?.address();
  if (!a || typeof a === 'string') throw new Error('the harness server is not listening');
  return `http://127.0.0.1:${a.port}/`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.argv[2] ?? 5174);
  await serveHarness(port);
  console.log(`3D view harness on http://127.0.0.1:${port}/?example=coincidence-detection`);
}
