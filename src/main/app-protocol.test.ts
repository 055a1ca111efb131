import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveAppPath, serveAppRequest } from './app-protocol';
import { ISOLATION_HEADERS, PRODUCTION_CSP } from './security';
import { makeTempDir } from './services/test-helpers';

let dir: string;
let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>SNN</title>');
  await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'secret');
});
afterEach(() => cleanup());

describe('app:// protocol', () => {
  it('maps app://snn/ URLs onto files inside the renderer folder', () => {
    expect(resolveAppPath('app://snn/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://snn/index.html?x=1#y', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://snn/assets/index.js', root)).toBe(join(root, 'assets', 'index.js'));
  });

  it('refuses other hosts and schemes and every way out of the folder', () => {
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'https://snn/index.html',
      'app://snn/../secret.txt', 'app://snn/%2e%2e/secret.txt', 'app://snn/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://snn/%00index.html', 'app://snn/%E0%A4%A', 'app://snn/..%5csecret.txt']) {
      const p = resolveAppPath(url, root);
      expect(p === null || p.startsWith(root), url).toBe(true);
      expect(p, url).not.toBe(join(dir, 'secret.txt'));
    }
    // URL parsing already folds `..` (also as %2e%2e) at the root: the path stays inside the folder.
    expect(resolveAppPath('app://snn/%2e%2e/secret.txt', root)).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath('app://snn/assets/..%2f..%2fsecret.txt', root)).toBeNull();
  });

  it('serves a file with its MIME type and the CSP header', async () => {
    const r = await serveAppRequest('app://snn/index.html', root);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    // Cross-origin isolation (the CPU engine's second thread needs SharedArrayBuffer), on scripts as well.
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect([...r.headers.keys()].sort()).toEqual(['content-security-policy', 'content-type', 'cross-origin-embedder-policy', 'cross-origin-opener-policy', 'x-content-type-options']);
    const js = await serveAppRequest('app://snn/assets/index.js', root);
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(js.headers.get(name)).toBe(value);
    expect(await r.text()).toContain('<title>SNN</title>');
    expect((await serveAppRequest('app://snn/assets/index.js', root)).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for missing files, folders and escapes', async () => {
    expect((await serveAppRequest('app://snn/missing.js', root)).status).toBe(404);
    expect((await serveAppRequest('app://snn/assets', root)).status).toBe(404);
    expect((await serveAppRequest('app://snn/%2e%2e/secret.txt', root)).status).toBe(404);
  });
});
