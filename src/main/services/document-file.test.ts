import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DOCUMENT_VERSION } from '../../shared/graph';
import { canSaveInPlace, readDocumentFile } from './document-file';
import { docWith, makeTempDir, VALID_DOC } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function fileWith(text: string, name = 'net.snn.json'): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

describe('readDocumentFile', () => {
  it('opens a valid document editable, with no message', async () => {
    const r = await readDocumentFile(await fileWith(VALID_DOC));
    expect(r).toMatchObject({ name: 'net.snn.json', text: VALID_DOC, readOnly: false, problem: null, message: '' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('opens a file that is not JSON read-only as corrupt, with the parse diagnostic', async () => {
    const r = await readDocumentFile(await fileWith('{"format": "snn-network", '));
    expect(r.readOnly).toBe(true);
    expect(r.problem).toBe('corrupt');
    expect(r.message).toMatch(/net\.snn\.json has 1 problem and is open read-only; it will not be overwritten/);
    expect(r.diagnostics[0].message).toMatch(/not valid JSON/);
  });

  it('reports a wrong value with its JSON path', async () => {
    const doc = JSON.parse(VALID_DOC) as { nodes: Array<{ size?: number }> };
    doc.nodes[0].size = -3;
    const r = await readDocumentFile(await fileWith(JSON.stringify(doc)));
    expect(r.problem).toBe('corrupt');
    expect(r.diagnostics.some((d) => d.path.startsWith('nodes[0]'))).toBe(true);
    expect(r.message).toMatch(/First: nodes\[0\]/);
  });

  it('opens a newer-version file read-only with a message naming both versions', async () => {
    const r = await readDocumentFile(await fileWith(docWith({ version: DOCUMENT_VERSION + 1 })));
    expect(r.readOnly).toBe(true);
    expect(r.problem).toBe('newer-version');
    expect(r.message).toContain(`file version ${DOCUMENT_VERSION + 1}, this app reads up to ${DOCUMENT_VERSION}`);
    expect(r.message).toMatch(/will not be overwritten/);
  });

  it('throws an I/O error for a missing file and for a folder', async () => {
    await expect(readDocumentFile(join(dir, 'nope.snn.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    await mkdir(join(dir, 'folder.snn.json'));
    await expect(readDocumentFile(join(dir, 'folder.snn.json'))).rejects.toThrow(/is not a file/);
  });

  it('refuses a file above the size limit, reading at most limit + 1 bytes of the open file', async () => {
    await expect(readDocumentFile(await fileWith(VALID_DOC), 10)).rejects.toThrow('it is more than 10 bytes; the limit is 10');
    expect((await readDocumentFile(await fileWith(VALID_DOC), VALID_DOC.length)).text).toBe(VALID_DOC);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.snn.json');
    execFileSync('mkfifo', [fifo]);
    await expect(readDocumentFile(fifo)).rejects.toThrow('it is not a file');
  });

  it('opens JSON nested too deeply to parse read-only as corrupt, not as an I/O failure', async () => {
    const n = 200_000;
    const r = await readDocumentFile(await fileWith(`{"format":"snn-network","version":1,"nodes":${'['.repeat(n)}${']'.repeat(n)}}`));
    expect(r).toMatchObject({ readOnly: true, problem: 'corrupt' });
    expect(r.message).toMatch(/is nested too deeply to read/);
  });

  it('opens a valid document it cannot save in place read-only as not-writable, with a Save As message', async () => {
    const p = await fileWith(VALID_DOC);
    const asked: string[] = [];
    const r = await readDocumentFile(p, undefined, async (path) => { asked.push(path); return false; });
    expect(asked).toEqual([p]);
    expect(r).toMatchObject({ readOnly: true, problem: 'not-writable', text: VALID_DOC });
    expect(r.message).toMatch(/net\.snn\.json cannot be written where it is.*use Save As/);
    // A corrupt file keeps its own reason: it is refused for its content, whatever the permissions.
    expect((await readDocumentFile(await fileWith('{', 'bad.snn.json'), undefined, async () => false)).problem).toBe('corrupt');
  });

  const root = process.getuid?.() === 0;
  it.skipIf(root)('sees a file in a folder without write permission as not saveable in place (skipped as root: root may write anyway)', async () => {
    const p = await fileWith(VALID_DOC);
    expect(await canSaveInPlace(p)).toBe(true);
    await chmod(dir, 0o555);
    try {
      expect(await canSaveInPlace(p)).toBe(false);
      expect((await readDocumentFile(p)).problem).toBe('not-writable');
    } finally {
      await chmod(dir, 0o755);
    }
  });

  it('sees a writable file in a writable folder as saveable in place, and a missing one as not', async () => {
    expect(await canSaveInPlace(await fileWith(VALID_DOC))).toBe(true);
    expect(await canSaveInPlace(join(dir, 'missing', 'x.snn.json'))).toBe(false);
  });
});
