// The document worker as built (src/main/document-worker.ts, a second main-process entry in
// electron.vite.config.ts): bundled by Vite to CommonJS like electron-vite does (index + worker, shared code in
// chunks/), then run by Node's Worker on real temp files through readDocumentFile — the same verdict as in
// the main thread, and the main thread's event loop keeps turning while a large document is judged.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from 'vite';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeDocumentText, judgeInWorker, readDocumentFile, setDocumentWorkerFile, WORKER_MIN_CHARS } from './services/document-file';
import { makeTempDir } from './services/test-helpers';

const tmp = await makeTempDir();
afterAll(async () => { setDocumentWorkerFile(null); await tmp.cleanup(); });

/** A valid document of about `chars` characters: one spike generator with many spike times. */
function bigDocument(chars: number): string {
  const n = Math.ceil(chars / 12);
  return JSON.stringify({ format: 'snn-network', version: 1, meta: { name: 'big' },
    nodes: [{ id: 'input', kind: 'input', model: 'spike_generator', size: 1,
      data: { spikes: { index: new Array(n).fill(0), time_ms: Array.from({ length: n }, (_, i) => i * 0.01) } } }] });
}

describe('document worker (built)', () => {
  it('judges a large document off the main thread with the same verdict', async () => {
    const out = join(tmp.dir, 'out-main');
    await build({
      configFile: false, logLevel: 'silent',
      ssr: { noExternal: true },
      build: {
        outDir: out, ssr: true, minify: false, emptyOutDir: true,
        rollupOptions: {
          input: { index: fileURLToPath(new URL('./index.ts', import.meta.url)), 'document-worker': fileURLToPath(new URL('./document-worker.ts', import.meta.url)) },
          // zod is bundled here (the temp folder has no node_modules); build.test.ts checks the real externals.
          external: (id) => id === 'electron' || id.startsWith('node:'),
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    });
    const worker = join(out, 'document-worker.cjs');
    expect(existsSync(worker)).toBe(true);
    setDocumentWorkerFile(worker);

    const text = bigDocument(3 * WORKER_MIN_CHARS);
    expect(text.length).toBeGreaterThan(WORKER_MIN_CHARS);
    const big = join(tmp.dir, 'big.snn.json');
    await writeFile(big, text);
    // The worker itself (rejects if it cannot start or dies), while this thread's timers keep running.
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    const direct = await judgeInWorker(worker, big, text);
    clearInterval(timer);
    expect(direct).toEqual(judgeDocumentText(big, text));
    expect(ticks).toBeGreaterThan(0);
    // Through the open path: no fallback to the main thread.
    const fallback = vi.spyOn(console, 'error');
    const viaWorker = await readDocumentFile(big, undefined, async () => true);
    expect(viaWorker).toEqual(direct);
    expect(viaWorker).toMatchObject({ readOnly: false, problem: null, text });

    // A hostile large document: the located refusal comes back from the worker too.
    const dup = join(tmp.dir, 'dup.snn.json');
    const dupText = text.replace('"version":1,', '"version":1,"version":1,');
    await writeFile(dup, dupText);
    const r = await readDocumentFile(dup, undefined, async () => true);
    expect(r).toEqual(judgeDocumentText(dup, dupText));
    expect(r.problem).toBe('corrupt');
    expect(r.message).toMatch(/version: the key "version" appears twice/);
    expect(fallback).not.toHaveBeenCalled();
    fallback.mockRestore();
  }, 120_000);

  it('falls back to the main thread when the worker file is missing', async () => {
    const fallback = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setDocumentWorkerFile(join(tmp.dir, 'no-such-worker.cjs'));
    const text = bigDocument(2 * WORKER_MIN_CHARS);
    expect(text.length).toBeGreaterThan(WORKER_MIN_CHARS);
    const p = join(tmp.dir, 'fallback.snn.json');
    await writeFile(p, text);
    expect(await readDocumentFile(p, undefined, async () => true)).toEqual(judgeDocumentText(p, text));
    expect(fallback).toHaveBeenCalledWith(expect.stringMatching(/^document worker failed .*; judging .*fallback\.snn\.json on the main thread$/s));
    fallback.mockRestore();
    setDocumentWorkerFile(null);
  });
});
