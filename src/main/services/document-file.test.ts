import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_VERSION } from '../../shared/graph';
import { readDocumentFile } from './document-file';
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

  it('refuses a file above the size limit without reading it', async () => {
    await expect(readDocumentFile(await fileWith(VALID_DOC), 10)).rejects.toThrow(/the limit is 10/);
  });
});
