#!/usr/bin/env node
// The desktop app's launcher behind `npm start`, `npm run dev`, `npm run test:e2e:electron` and `npm run dist`
// (README "Quick start", docs/electron.md "Starting the app"). Plain JavaScript so it runs right after `npm ci`.
//
// Why it exists: Electron 45 no longer downloads its binary when npm installs it; its index.js does that on the
// first require('electron'). electron-vite's `preview`/`dev` never require it: they read node_modules/electron/
// path.txt themselves and stop with "Electron uninstall" when it is missing. So this script
//   1. checks the Node version (one line when too old),
//   2. finds the Electron executable: ELECTRON_EXEC_PATH, else ELECTRON_OVERRIDE_DIST_PATH (Electron's own rule),
//      else node_modules/electron/dist — and when that is missing runs Electron's own install.js (which honours
//      ELECTRON_MIRROR, electron_config_cache and the npm_config_electron_* settings), with its output captured
//      so a failure ends in a short message and no stack trace,
//   3. runs electron-vite (or the given command) with ELECTRON_EXEC_PATH set, forwarding stdio, signals and
//      the exit status.
//
// Usage: node scripts/electron-launch.mjs preview|dev [electron-vite options…]
//        node scripts/electron-launch.mjs exec "<command>" [arguments appended to it…]
// Exit status: the child's; 1 when Electron cannot be found or downloaded, or Node is too old.
// SNN_ELECTRON_PACKAGE overrides where the `electron` npm package is (tests point it at a temp folder so that
// they never write into node_modules/electron).
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Parses "v20.19.1" / "22.12.0" / ">= 22.12.0" (first version in the text) into [major, minor, patch]. */
export function parseVersion(text) {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(text));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

function below(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * Judges the Node version for the desktop app. `fatal`: one line, stop. `note`: one line to print before
 * Electron's download (its package declares a newer Node than the one running; see README "Quick start").
 * The floor is Vite's and electron-vite's `^20.19.0 || >=22.12.0`: both load ES modules with require(),
 * which Node 21 and 22.0–22.11 lack — and so does Electron's install.js (it require()s @electron/get, an ES module).
 */
export function checkNode(nodeVersion, electronEngines) {
  const v = parseVersion(nodeVersion);
  if (!v) return { fatal: `SNN Studio: cannot read the Node.js version "${nodeVersion}".` };
  const supported = (v[0] === 20 && v[1] >= 19) || (v[0] === 22 && v[1] >= 12) || v[0] >= 23;
  if (!supported) {
    return {
      fatal: `SNN Studio needs Node.js 20.19+ (20.x) or 22.12+; this is Node ${nodeVersion}. ` +
        'Install Node 22 LTS or newer (the same holds for `npm run web` and the snn CLI).',
    };
  }
  const wants = electronEngines ? parseVersion(electronEngines) : null;
  if (wants && below(v, wants)) {
    return {
      note: `Note: Electron's installer declares Node ${electronEngines.replace(/\s+/g, '')}, this is Node ` +
        `${nodeVersion}; it works on 20.19+ too, but if it fails for a reason other than the network, use Node ${wants[0]}.${wants[1]}+.`,
    };
  }
  return {};
}

/** Where Electron's zip puts the executable — install.js's getPlatformPath (what it writes into path.txt). */
export function platformExecutable(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

function executableProblem(path, platform) {
  try {
    if (!statSync(path).isFile()) return 'is not a file';
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return null;
  } catch (e) {
    return e && e.code === 'ENOENT' ? 'does not exist' : e && e.code === 'EACCES' ? 'is not executable' : 'cannot be read';
  }
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Finds the Electron executable without downloading anything: `{ path }`, `{ error }` (one line), or
 * `{ download: true }` when Electron's own install.js has to fetch it.
 */
export function findElectron({ env, electronDir, platform }) {
  if (env.ELECTRON_EXEC_PATH) {
    const p = resolve(env.ELECTRON_EXEC_PATH);
    const problem = executableProblem(p, platform);
    return problem ? { error: `SNN Studio: ELECTRON_EXEC_PATH=${env.ELECTRON_EXEC_PATH} ${problem}.` } : { path: p };
  }
  const pathTxt = electronDir ? readText(join(electronDir, 'path.txt')) : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    // Electron's index.js: join(ELECTRON_OVERRIDE_DIST_PATH, path.txt's content || 'electron'); without a
    // path.txt we use the platform's executable name, which is what path.txt would say.
    const p = resolve(env.ELECTRON_OVERRIDE_DIST_PATH, pathTxt || platformExecutable(platform));
    const problem = executableProblem(p, platform);
    return problem
      ? { error: `SNN Studio: ELECTRON_OVERRIDE_DIST_PATH=${env.ELECTRON_OVERRIDE_DIST_PATH}: ${p} ${problem}.` }
      : { path: p };
  }
  if (!electronDir) return { error: 'SNN Studio: the electron package is not installed: run `npm ci` first.' };
  // install.js's isInstalled(): dist/version matches the package, path.txt names the executable, and it exists.
  const version = readJson(join(electronDir, 'package.json'))?.version;
  const distVersion = readText(join(electronDir, 'dist', 'version'))?.trim().replace(/^v/, '');
  if (pathTxt && distVersion === version) {
    const p = join(electronDir, 'dist', pathTxt);
    if (!executableProblem(p, platform)) return { path: p };
  }
  return { download: true };
}

function readJson(path) {
  const text = readText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The message when the download fails: what failed, how to retry, how to use a binary you have, the web app. */
export function downloadFailureMessage({ version, url, cause, command }) {
  const what = url ? `${url}${cause ? ` (${cause})` : ''}` : cause || 'unknown error';
  return [
    `SNN Studio: could not download Electron ${version}: ${what}.`,
    `  Retry: run \`${command}\` again once this machine can reach it, or set ELECTRON_MIRROR to a mirror it can reach.`,
    `  Have an Electron binary already? ELECTRON_EXEC_PATH=/path/to/electron ${command}`,
    `    (or ELECTRON_OVERRIDE_DIST_PATH=/folder/holding/it ${command}).`,
    '  Or run the same app in a browser now: npm run web',
  ].join('\n');
}

/** How the user started us, to repeat in messages: `npm start`, `npm run dev`, … or the node command line. */
export function commandName(env, argv) {
  const event = env.npm_lifecycle_event;
  if (event === 'start') return 'npm start';
  if (event) return `npm run ${event}`;
  return `node scripts/electron-launch.mjs ${argv[0] ?? ''}`.trim();
}

// Loaded into install.js's process with --import: reports the URL it fetches and, when fetch fails, the
// underlying cause (fetch's own message is only "fetch failed"), as marked lines on stderr.
const FETCH_REPORTER = `
const realFetch = globalThis.fetch;
const report = (kind, value) => process.stderr.write('\\n@@snn-electron-' + kind + ' ' + JSON.stringify(value) + '\\n');
globalThis.fetch = async (url, options) => {
  report('url', String(url));
  try {
    return await realFetch(url, options);
  } catch (e) {
    const c = e && e.cause;
    report('cause', (c && (c.message || c.code || (c.errors && c.errors[0] && c.errors[0].message))) || (e && e.message) || String(e));
    throw e;
  }
};`;

/** Runs Electron's install.js with captured output. Resolves `{ ok, url, cause }`. */
function runInstaller(electronDir, env, log) {
  return new Promise((done) => {
    const child = spawn(process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(FETCH_REPORTER)}`, join(electronDir, 'install.js')],
      { cwd: electronDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let url = null;
    let cause = null;
    let other = '';
    let pending = '';
    const onLine = (line) => {
      const m = /^@@snn-electron-(url|cause) (.*)$/.exec(line);
      if (!m) {
        other += line + '\n';
        return;
      }
      const value = JSON.parse(m[2]);
      if (m[1] === 'url') {
        url = value;
        log(`  from ${value}`);
      } else cause = value;
    };
    child.stdout.on('data', (d) => { other += d; });
    child.stderr.on('data', (d) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop();
      lines.forEach(onLine);
    });
    const started = Date.now();
    const timer = setInterval(() => log(`  still downloading (${Math.round((Date.now() - started) / 1000)} s)…`), 30_000);
    const finish = (status, spawnError) => {
      clearInterval(timer);
      if (pending) onLine(pending);
      if (status === 0) return done({ ok: true, url });
      // Without a cause from the fetch reporter (HTTP status, checksum, unpacking): the error's first line,
      // never the stack that install.js prints.
      const firstLine = other.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at '));
      done({ ok: false, url, cause: cause || firstLine || (spawnError ? spawnError.message : `install.js exited with ${status}`) });
    };
    child.on('error', (e) => finish(null, e));
    child.on('close', (status) => finish(status));
  });
}

function quoteArg(arg, platform) {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return platform === 'win32' ? `"${arg.replace(/"/g, '""')}"` : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Runs the child with stdio inherited, forwards termination signals, and ends this process as the child ended. */
function runForwarding(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: 'inherit' });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (sig) => { if (child.exitCode === null) child.kill(sig); };
  for (const sig of signals) process.on(sig, forward);
  child.on('error', (e) => {
    process.stderr.write(`SNN Studio: could not start ${command}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const sig of signals) process.off(sig, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function electronPackageDir(env) {
  if (env.SNN_ELECTRON_PACKAGE) return resolve(env.SNN_ELECTRON_PACKAGE);
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const USAGE = 'usage: node scripts/electron-launch.mjs preview|dev [electron-vite options…] | exec "<command>" [args…]';

export async function main(argv, env = process.env) {
  const [mode, ...rest] = argv;
  if (!['preview', 'dev', 'exec'].includes(mode) || (mode === 'exec' && !rest[0])) {
    process.stderr.write(USAGE + '\n');
    return process.exit(2);
  }
  const log = (line) => process.stderr.write(line + '\n');
  const electronDir = electronPackageDir(env);
  const electronPkg = electronDir ? readJson(join(electronDir, 'package.json')) : null;
  const node = checkNode(process.versions.node, electronPkg?.engines?.node);
  if (node.fatal) {
    log(node.fatal);
    return process.exit(1);
  }
  let found = findElectron({ env, electronDir, platform: process.platform });
  if (found.download) {
    const version = electronPkg?.version ?? '?';
    if (node.note) log(node.note);
    log(`Electron ${version} is not downloaded yet: fetching it once (about 100 MB; from Electron's cache if it is there)…`);
    const result = await runInstaller(electronDir, env, log);
    if (!result.ok) {
      log(downloadFailureMessage({ version, url: result.url, cause: result.cause, command: commandName(env, argv) }));
      return process.exit(1);
    }
    found = findElectron({ env, electronDir, platform: process.platform });
    if (found.download) found = { error: `SNN Studio: Electron's installer finished but ${join(electronDir, 'path.txt')} names no executable.` };
    if (found.path) log(`Electron ${version} is ready: ${relative(root, found.path) || found.path}`);
  }
  if (found.error) {
    log(found.error);
    log('  Or run the same app in a browser now: npm run web');
    return process.exit(1);
  }
  const childEnv = { ...env, ELECTRON_EXEC_PATH: found.path };
  if (mode === 'exec') {
    childEnv.PATH = [join(root, 'node_modules', '.bin'), env.PATH ?? ''].join(delimiter);
    const command = [rest[0], ...rest.slice(1).map((a) => quoteArg(a, process.platform))].join(' ');
    return runForwarding(command, [], { cwd: root, env: childEnv, shell: true });
  }
  const evPkg = require.resolve('electron-vite/package.json');
  const evBin = join(dirname(evPkg), readJson(evPkg).bin['electron-vite']);
  runForwarding(process.execPath, [evBin, mode, ...rest], { cwd: root, env: childEnv });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
