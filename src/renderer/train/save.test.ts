// saveTextFile in Electron: main's files.exportWeights (native dialog, atomic write) on a fake window.snn;
// results map to 'saved' / 'cancelled', and a refusal or I/O failure throws main's sentence.
import { describe, expect, it, vi } from 'vitest';
import type { ExportWeightsResult } from '../../shared/ipc';
import { saveTextFile } from './save';

function desktopWindow(answer: ExportWeightsResult) {
  const exportWeights = vi.fn(async (_text: string, _name?: string) => answer);
  const showSaveFilePicker = vi.fn();
  const win = { snn: { files: { exportWeights } }, showSaveFilePicker } as unknown as Window;
  return { win, exportWeights, showSaveFilePicker };
}

describe('saveTextFile with window.snn (Electron)', () => {
  it('asks main to export the text under the suggested name: saved', async () => {
    const { win, exportWeights, showSaveFilePicker } = desktopWindow({ ok: true, path: '/d/w.json', name: 'w.json', savedAt: 'now' });
    expect(await saveTextFile('{"format":"snn-weights"}', 'net.weights.json', win)).toBe('saved');
    expect(exportWeights).toHaveBeenCalledWith('{"format":"snn-weights"}', 'net.weights.json');
    expect(showSaveFilePicker).not.toHaveBeenCalled(); // the browser picker is not used in Electron
  });

  it('a cancelled dialog is "cancelled", not an error', async () => {
    const { win } = desktopWindow({ ok: false, code: 'cancelled', error: 'export cancelled' });
    expect(await saveTextFile('{}', 'w.json', win)).toBe('cancelled');
  });

  it.each([
    ['invalid-payload', 'refusing to export: not a weights file (format: …)'],
    ['read-only', '/d/net.snn.json is open read-only (it has errors); it will not be overwritten: choose another name'],
    ['io', 'cannot save w.json: the disk is full (the file on disk is unchanged)'],
  ] as const)('a %s failure throws main\'s sentence', async (code, error) => {
    const { win } = desktopWindow({ ok: false, code, error });
    await expect(saveTextFile('{}', 'w.json', win)).rejects.toThrow(new Error(error));
  });
});

describe('saveTextFile in a browser (no window.snn)', () => {
  it('uses the File System Access save picker when there is one', async () => {
    const written: string[] = [];
    const showSaveFilePicker = vi.fn(async () => ({
      name: 'w.json',
      createWritable: async () => ({ write: async (t: string) => { written.push(t); }, close: async () => undefined }),
    }));
    expect(await saveTextFile('TEXT', 'w.json', { showSaveFilePicker } as unknown as Window)).toBe('saved');
    expect(showSaveFilePicker).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: 'w.json' }));
    expect(written).toEqual(['TEXT']);
  });
});
