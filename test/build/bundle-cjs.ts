// The main process's and the preload's build tests (src/main/build.test.ts, src/preload/build.test.ts) bundle
// their entry the way electron-vite does and then run the bundle: the bundling, shared here.
import { build, type InlineConfig, type Rolldown } from 'vite';

/**
 * Bundles `entry` (a file path) with Vite as electron-vite does for Electron's Node-side entries: SSR build,
 * CommonJS, not minified, in memory. `external` says which imports stay `require` calls; `ssr` is Vite's SSR
 * option (the preload bundles its dependencies: `{ noExternal: true }`). Returns the code of index.cjs.
 */
export async function bundleCjs(entry: string, external: (string | RegExp)[] | ((id: string) => boolean), ssr?: InlineConfig['ssr']): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      ssr: true,
      minify: false,
      rollupOptions: { input: entry, external, output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
    ...(ssr ? { ssr } : {}),
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).find((c) => c.type === 'chunk' && c.fileName === 'index.cjs');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no index.cjs chunk in the build output');
  return chunk.code;
}
