import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { filesFromArgv, isUsableOsPath, SecondInstanceData } from './argv';

describe('filesFromArgv', () => {
  const cwd = resolve('/home/u/work');

  it('takes the files after the executable in a packaged app, resolved against the working folder', () => {
    expect(filesFromArgv(['/opt/SNN Studio/snn-studio', 'a.snn.json', '/tmp/b.snn.json'], false, cwd))
      .toEqual([resolve(cwd, 'a.snn.json'), resolve('/tmp/b.snn.json')]);
  });

  it('skips the app path in development and every switch', () => {
    expect(filesFromArgv(['/x/electron', '.', '--inspect=9229', 'net.snn.json', '--enable-logging'], true, cwd))
      .toEqual([resolve(cwd, 'net.snn.json')]);
  });

  it('gives nothing for a plain start', () => {
    expect(filesFromArgv(['/opt/snn-studio'], false, cwd)).toEqual([]);
    expect(filesFromArgv(['/x/electron', '.'], true, cwd)).toEqual([]);
  });

  it('ignores paths the IPC contract cannot carry: over 4096 characters (as given or once resolved), or with NUL', () => {
    const long = `/tmp/${'x'.repeat(5000)}.snn.json`;
    const nearly = 'y'.repeat(4090); // fits as given, not once resolved against cwd
    expect(filesFromArgv(['/opt/snn-studio', long, nearly, 'a\0b', 'ok.snn.json'], false, cwd)).toEqual([resolve(cwd, 'ok.snn.json')]);
    expect(isUsableOsPath(long)).toBe(false);
    expect(isUsableOsPath('/tmp/a.snn.json')).toBe(true);
  });

  it('checks what a second instance sends', () => {
    expect(SecondInstanceData.safeParse({ argv: ['a'], cwd: '/', defaultApp: false }).success).toBe(true);
    expect(SecondInstanceData.safeParse({ argv: 'a' }).success).toBe(false);
  });
});
