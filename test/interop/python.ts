// Test helper: runs exported scripts on Debian's Python (/usr/bin/python3, where .ci/run installs python3-brian
// and python3-pynn; not the python3 first on PATH), for the peer-script tests in this folder.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const PY = '/usr/bin/python3';

/** Why a Python module cannot be used here, or null when it imports. */
export function missing(module: string): string | null {
  try { execFileSync(PY, ['-c', `import ${module}`], { stdio: 'pipe' }); return null; } catch { return `${module} is not importable by ${PY}`; }
}

/** Runs a script with Brian2's numpy target (no C++ compilation), resolving with its JSON output (the file named by its argument). */
export function runScript(script: string, out: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(PY, [script, out], { env: { ...process.env, SNN_BRIAN2_TARGET: 'numpy' }, timeout: 240_000, maxBuffer: 1 << 26 }, (err, _o, stderr) => {
      if (err) reject(new Error(`${script}: ${err.message}\n${stderr.slice(-2000)}`));
      else resolve(JSON.parse(readFileSync(out, 'utf8')));
    });
  });
}
