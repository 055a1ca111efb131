// scripts/electron-launch.mjs, the launcher behind `npm start` (README "Quick start"): its Node check and the
// way it finds Electron as pure functions on temp folders; then the real commands in child processes, with no
// network and no real Electron — a download that cannot happen ends in the short message, and a stub
// executable standing in for Electron records the command line electron-vite gives it after the build.
// The tests never touch node_modules/electron: SNN_ELECTRON_PACKAGE points the launcher at temp folders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  checkNode, commandName, downloadFailureMessage, findElectron, parseVersion, platformExecutable,
} from './electron-launch.mjs';

const root = resolve(__dirname, '..');
const launcher = join(root, 'scripts', 'electron-launch.mjs');
const realElectronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const electronPkg = JSON.parse(readFileSync(join(realElectronDir, 'package.json'), 'utf8')) as {
  version: string; engines: { node: string };
};

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'snn-launch-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function freshDir(name: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

/**
 * A stand-in for the Electron executable: records its arguments, working folder and ELECTRON_EXEC_PATH in
 * the file named by STUB_RECORD, then exits with STUB_EXIT (default 0).
 */
function writeStub(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!${process.execPath}
require('fs').writeFileSync(process.env.STUB_RECORD, JSON.stringify({
  argv: process.argv.slice(2), cwd: process.cwd(), execPath: process.env.ELECTRON_EXEC_PATH }));
process.exit(Number(process.env.STUB_EXIT || 0));
`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * The environment of this process without anything that would steer Electron's download or the launcher
 * (a developer's own ELECTRON_MIRROR, an .npmrc electron_mirror, a real Electron), so each test sets its own.
 */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(electron_|npm_config_electron|npm_package_config_electron|snn_electron|npm_lifecycle)/i.test(k)) continue;
    env[k] = v;
  }
  const npmrc = join(tmp, 'empty-npmrc');
  writeFileSync(npmrc, '');
  return { ...env, NPM_CONFIG_USERCONFIG: npmrc, NPM_CONFIG_UPDATE_NOTIFIER: 'false', ...extra };
}

function npm(args: string[], env: Record<string, string>) {
  const r = spawnSync('npm', args, { cwd: root, env, encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

/** A loopback TCP port nobody listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((res) => server.close(() => res()));
  return port;
}

function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('checkNode', () => {
  it('refuses Node versions without require(esm) in one line, and says which versions work', () => {
    for (const v of ['18.20.4', '20.18.3', '21.7.3', '22.11.0']) {
      const r = checkNode(v, electronPkg.engines.node);
      expect(r.fatal, v).toContain(`this is Node ${v}`);
      expect(r.fatal).toContain('20.19+');
      expect(r.fatal).toContain('22.12+');
      expect(r.fatal).not.toContain('\n');
      expect(r.note).toBeUndefined();
    }
    expect(checkNode('banana').fatal).toMatch(/cannot read the Node\.js version "banana"/);
  });

  it('accepts 20.19+, 22.12+ and later; a note (one line) where Electron declares a newer Node', () => {
    expect(electronPkg.engines.node).toMatch(/22\.12/);
    const old = checkNode('20.19.0', electronPkg.engines.node);
    expect(old.fatal).toBeUndefined();
    expect(old.note).toMatch(/declares Node >=22\.12\.0, this is Node 20\.19\.0/);
    expect(old.note).not.toContain('\n');
    for (const v of ['22.12.0', '23.0.0', '24.11.1']) expect(checkNode(v, electronPkg.engines.node), v).toEqual({});
    expect(checkNode('20.20.2')).toEqual({});
  });

  it('parses versions and engine ranges', () => {
    expect(parseVersion('v20.19.1')).toEqual([20, 19, 1]);
    expect(parseVersion('>= 22.12')).toEqual([22, 12, 0]);
    expect(parseVersion('latest')).toBeNull();
  });
});

describe('findElectron', () => {
  it('uses ELECTRON_EXEC_PATH only when it is an executable file, with a one-line reason otherwise', () => {
    const dir = freshDir('exec');
    const stub = writeStub(join(dir, 'my-electron'));
    expect(findElectron({ env: { ELECTRON_EXEC_PATH: stub }, electronDir: null, platform: 'linux' })).toEqual({ path: stub });
    const missing = join(dir, 'nope');
    expect(findElectron({ env: { ELECTRON_EXEC_PATH: missing }, electronDir: null, platform: 'linux' }))
      .toEqual({ error: `SNN Studio: ELECTRON_EXEC_PATH=${missing} does not exist.` });
    expect(findElectron({ env: { ELECTRON_EXEC_PATH: dir }, electronDir: null, platform: 'linux' }).error).toMatch(/is not a file/);
    const plain = join(dir, 'plain');
    writeFileSync(plain, '');
    chmodSync(plain, 0o644);
    if (process.getuid?.() !== 0) { // root may execute anything: X_OK is true for it
      expect(findElectron({ env: { ELECTRON_EXEC_PATH: plain }, electronDir: null, platform: 'linux' }).error).toMatch(/is not executable/);
    }
  });

  it("follows Electron's ELECTRON_OVERRIDE_DIST_PATH rule: path.txt's name, else the platform's", () => {
    const pkg = freshDir('override-pkg');
    const dist = freshDir('override-dist');
    const stub = writeStub(join(dist, platformExecutable('linux')));
    expect(findElectron({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, electronDir: pkg, platform: 'linux' })).toEqual({ path: stub });
    writeFileSync(join(pkg, 'path.txt'), 'bin/custom');
    const custom = writeStub(join(dist, 'bin', 'custom'));
    expect(findElectron({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, electronDir: pkg, platform: 'linux' })).toEqual({ path: custom });
    expect(findElectron({ env: { ELECTRON_OVERRIDE_DIST_PATH: pkg }, electronDir: pkg, platform: 'linux' }).error)
      .toBe(`SNN Studio: ELECTRON_OVERRIDE_DIST_PATH=${pkg}: ${join(pkg, 'bin', 'custom')} does not exist.`);
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(platformExecutable('win32')).toBe('electron.exe');
  });

  it("uses the package's dist only when install.js would call it installed (same version, path.txt, file)", () => {
    const pkg = freshDir('installed-pkg');
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ version: '45.5.0' }));
    expect(findElectron({ env: {}, electronDir: pkg, platform: 'linux' })).toEqual({ download: true });
    const exe = writeStub(join(pkg, 'dist', 'electron'));
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    writeFileSync(join(pkg, 'dist', 'version'), 'v45.4.0');
    expect(findElectron({ env: {}, electronDir: pkg, platform: 'linux' })).toEqual({ download: true });
    writeFileSync(join(pkg, 'dist', 'version'), 'v45.5.0');
    expect(findElectron({ env: {}, electronDir: pkg, platform: 'linux' })).toEqual({ path: exe });
    expect(findElectron({ env: {}, electronDir: null, platform: 'linux' }).error).toMatch(/run `npm ci` first/);
  });
});

describe('messages', () => {
  it('names the failed URL and cause, the retry, the ways to use a binary one has, and the web app', () => {
    const text = downloadFailureMessage({ version: '45.5.0', url: 'https://x/e.zip', cause: 'getaddrinfo ENOTFOUND x', command: 'npm run dev' });
    expect(text.split('\n')[0]).toBe('SNN Studio: could not download Electron 45.5.0: https://x/e.zip (getaddrinfo ENOTFOUND x).');
    expect(text).toContain('run `npm run dev` again');
    expect(text).toContain('ELECTRON_EXEC_PATH=/path/to/electron npm run dev');
    expect(text).toContain('ELECTRON_OVERRIDE_DIST_PATH=');
    expect(text).toContain('npm run web');
    expect(commandName({ npm_lifecycle_event: 'start' }, ['preview'])).toBe('npm start');
    expect(commandName({ npm_lifecycle_event: 'test:e2e:electron' }, ['exec'])).toBe('npm run test:e2e:electron');
    expect(commandName({}, ['dev'])).toBe('node scripts/electron-launch.mjs dev');
  });
});

describe('the launcher as a command', () => {
  it('`npm start` offline: downloads nothing, ends with the short message, exit 1, no stack, no build', async () => {
    // A copy of the electron package in a temp folder (install.js writes path.txt and dist/ next to itself);
    // its node_modules link finds @electron/get as the real one would.
    const pkg = freshDir('offline-pkg');
    for (const f of ['install.js', 'package.json', 'checksums.json']) copyFileSync(join(realElectronDir, f), join(pkg, f));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'junction');
    const cache = freshDir('offline-cache');
    const realBefore = listing(realElectronDir);
    // A loopback port that was just free: nothing listens, the connection is refused at once.
    const port = await closedPort();
    const r = npm(['start'], cleanEnv({
      SNN_ELECTRON_PACKAGE: pkg, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: cache,
    }));
    expect(r.status, r.all).toBe(1);
    expect(r.stderr).toContain(`Electron ${electronPkg.version} is not downloaded yet`);
    expect(r.stderr).toMatch(new RegExp(
      `SNN Studio: could not download Electron ${electronPkg.version.replace(/\./g, '\\.')}: ` +
      `http://127\\.0\\.0\\.1:${port}/\\S+\\.zip \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)\\.`));
    expect(r.stderr).toContain('run `npm start` again');
    expect(r.stderr).toContain('ELECTRON_EXEC_PATH=/path/to/electron npm start');
    expect(r.stderr).toContain('npm run web');
    expect(r.all).not.toMatch(/^\s+at /m);
    expect(r.all).not.toMatch(/TypeError|fetch failed|Electron uninstall/);
    expect(r.all).not.toMatch(/vite v\d|building/);
    expect(listing(pkg)).toEqual(['checksums.json', 'install.js', 'node_modules', 'package.json']);
    expect(listing(realElectronDir)).toEqual(realBefore);
  });

  it('refuses an ELECTRON_EXEC_PATH that is not there in one line before building anything', () => {
    const missing = join(tmp, 'no-such-electron');
    const r = spawnSync(process.execPath, [launcher, 'preview'], { cwd: root, encoding: 'utf8', env: cleanEnv({ ELECTRON_EXEC_PATH: missing }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`SNN Studio: ELECTRON_EXEC_PATH=${missing} does not exist.\n  Or run the same app in a browser now: npm run web\n`);
    expect(r.stdout).toBe('');
  });

  it('prints its usage and exits 2 for an unknown mode', () => {
    const r = spawnSync(process.execPath, [launcher, 'launch'], { cwd: root, encoding: 'utf8', env: cleanEnv({}) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: node scripts\/electron-launch\.mjs preview\|dev/);
  });

  // The stub is a script run through its #! line, which Windows does not honour.
  describe.skipIf(process.platform === 'win32')('with a stub in place of Electron', () => {
    it('`npm start` builds, then runs ELECTRON_EXEC_PATH with the app folder and the arguments after --', () => {
      const record = join(tmp, 'exec-record.json');
      const stub = writeStub(join(freshDir('stub-exec'), 'electron'));
      const started = Date.now();
      const userData = join(tmp, 'userData');
      const r = npm(['start', '--', '--', `--user-data-dir=${userData}`], cleanEnv({
        ELECTRON_EXEC_PATH: stub, STUB_RECORD: record, SNN_ELECTRON_PACKAGE: freshDir('stub-exec-pkg'),
      }));
      expect(r.status, r.all).toBe(0);
      const seen = JSON.parse(readFileSync(record, 'utf8'));
      // electron-vite's startElectron: spawn(ELECTRON_EXEC_PATH, [ELECTRON_ENTRY || '.', ...args after --]),
      // in its own working folder; Electron then loads package.json "main" from there.
      expect(seen).toEqual({ argv: ['.', `--user-data-dir=${userData}`], cwd: root, execPath: stub });
      const main = JSON.parse(readFileSync(join(seen.cwd, 'package.json'), 'utf8')).main as string;
      expect(main).toBe('./out/main/index.cjs');
      for (const built of [main, 'out/preload/index.cjs', 'out/renderer/index.html']) {
        expect(statSync(join(root, built)).mtimeMs, built).toBeGreaterThanOrEqual(started - 2000);
      }
      expect(r.stdout).toContain('starting electron app');
      expect(r.all).not.toContain('Downloading');
    });

    it('ELECTRON_OVERRIDE_DIST_PATH (`npm start -- --skipBuild`): the stub is found there and its exit status comes back', () => {
      const record = join(tmp, 'override-record.json');
      const dist = freshDir('stub-override');
      const stub = writeStub(join(dist, platformExecutable(process.platform)));
      const r = npm(['start', '--', '--skipBuild'], cleanEnv({
        ELECTRON_OVERRIDE_DIST_PATH: dist, STUB_RECORD: record, STUB_EXIT: '7', SNN_ELECTRON_PACKAGE: freshDir('stub-override-pkg'),
      }));
      expect(r.status, r.all).toBe(7);
      expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ argv: ['.'], cwd: root, execPath: stub });
      expect(r.all).not.toMatch(/vite v\d/);
      expect(existsSync(join(root, 'out/main/index.cjs'))).toBe(true);
    });

    it('exec: runs the command through the shell with ELECTRON_EXEC_PATH, node_modules/.bin on PATH, arguments quoted', () => {
      const stub = writeStub(join(freshDir('stub-run'), 'electron'));
      const r = spawnSync(process.execPath, [launcher, 'exec',
        'electron-vite --version && node -e "console.log(process.env.ELECTRON_EXEC_PATH, JSON.stringify(process.argv.slice(1)))"',
        'x y', "it's"],
      { cwd: root, encoding: 'utf8', env: cleanEnv({ ELECTRON_EXEC_PATH: stub, PATH: dirname(process.execPath) }) });
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/electron-vite\/\d/);
      expect(lines[1]).toBe(`${stub} ["x y","it's"]`);
    });
  });
});
