import { describe, expect, it, vi } from 'vitest';
import membraneOnly from '../../../resources/examples/membrane-only.snn.json';
import soundLocalisation from '../../../resources/examples/sound-localisation.snn.json';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { buildWeightsFile, initWeights, planTraining, type TrainingPlan } from '../../shared/training';
import { documentText, sha256Hex } from './export';
import type { ImportWeightsResult } from '../../shared/ipc';
import { checkWeightsText, loadedWeightsFor, pickTextFile } from './load';

const docOf = (raw: unknown): NetworkDocument => {
  const r = loadDocument(structuredClone(raw));
  if (!r.ok) throw new Error('example');
  return r.doc;
};
const planOf = (doc: NetworkDocument): TrainingPlan => {
  const r = planTraining(doc, {});
  if (!r.ok) throw new Error('plan');
  return r.plan;
};

const doc = docOf(soundLocalisation), plan = planOf(doc);
const weights = initWeights(plan, 5);

async function fileText(d = doc, p = plan, w = weights, sha?: string) {
  return JSON.stringify(buildWeightsFile(d, p, w, sha ?? await sha256Hex(documentText(d))));
}

describe('checkWeightsText (the checks and lines of snn evaluate --weights)', () => {
  it('loads a file for this document: no warnings, the matrices in the plan\'s order', async () => {
    const sha = await sha256Hex(documentText(doc));
    const r = checkWeightsText(await fileText(), 'w.json', plan, sha);
    expect(r).toMatchObject({ ok: true, warnings: [] });
    if (!r.ok) return;
    const back = loadedWeightsFor(r.file, 'w.json', plan);
    expect(back.ok && back.weights).toEqual(weights);
  });

  it('a changed source document only warns, with the CLI\'s line, and loads', async () => {
    const r = checkWeightsText(await fileText(doc, plan, weights, 'a'.repeat(64)), 'w.json', plan, await sha256Hex(documentText(doc)));
    expect(r).toMatchObject({ ok: true, warnings: ['w.json: warning: network.source_sha256: the network file changed since these weights were trained'] });
  });

  it('refuses what is not JSON or not a weights file, with the JSON path', async () => {
    const sha = await sha256Hex(documentText(doc));
    const notJson = checkWeightsText('{"format": "snn-weights",', 'cut.json', plan, sha);
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) {
      expect(notJson.lines[0]).toBe('cut.json: invalid weights file');
      expect(notJson.lines[1]).toMatch(/^error: not valid JSON \(truncated\?\)/);
    }
    expect(checkWeightsText(JSON.stringify(soundLocalisation), 'net.json', plan, sha)).toEqual({ ok: false, lines: [
      'net.json: invalid weights file',
      'error: format: must be "snn-weights", got "snn-network": this is not an SNN Studio weights file',
    ] });
    const raw = JSON.parse(await fileText());
    raw.projections.hidden_out.weights[3].pop();
    expect(checkWeightsText(JSON.stringify(raw), 'w.json', plan, sha)).toEqual({ ok: false, lines: [
      'w.json: invalid weights file', 'error: projections.hidden_out.weights[3]: shape says 12 columns (post), found 11',
    ] });
  });

  it('refuses weights of another shape or another network: every problem with its path, as the CLI', async () => {
    const sha = await sha256Hex(documentText(doc));
    const raw = JSON.parse(await fileText());
    raw.projections.hidden_out.shape = [30, 11];
    raw.projections.hidden_out.weights = raw.projections.hidden_out.weights.map((r: number[]) => r.slice(0, 11));
    expect(checkWeightsText(JSON.stringify(raw), 'edited.json', plan, sha)).toEqual({ ok: false, lines: [
      'edited.json: these weights do not fit sound-localisation',
      'error: projections.hidden_out.shape: is [30, 11], but the network needs [30, 12] (hidden → output)',
    ] });
    // The membrane-only example's weights (one projection inputs → output).
    const mDoc = docOf(membraneOnly), mPlan = planOf(mDoc);
    const r = checkWeightsText(await fileText(mDoc, mPlan, initWeights(mPlan, 1)), 'membrane-only.weights.json', plan, sha);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.lines[0]).toBe('membrane-only.weights.json: these weights do not fit sound-localisation');
    expect(r.lines).toContain('error: projections.in_hidden: missing: the network "sound-localisation" has projection "in_hidden" (inputs → hidden); these weights are for another network');
    expect(r.lines).toContain('error: projections.in_out: the network "sound-localisation" has no projection "in_out": these weights are for another network');
  });

  it('loadedWeightsFor re-checks a loaded file against an edited document', async () => {
    const sha = await sha256Hex(documentText(doc));
    const r = checkWeightsText(await fileText(), 'w.json', plan, sha);
    if (!r.ok) throw new Error('load');
    const edited = structuredClone(doc);
    edited.nodes.find((n) => n.id === 'hidden')!.size = 20;
    expect(loadedWeightsFor(r.file, 'w.json', planOf(edited))).toEqual({ ok: false, lines: [
      'w.json: these weights do not fit sound-localisation',
      'error: projections.in_hidden.shape: is [200, 30], but the network needs [200, 20] (inputs → hidden)',
      'error: projections.hidden_out.shape: is [30, 12], but the network needs [20, 12] (hidden → output)',
    ] });
  });
});

describe('pickTextFile with window.snn (Electron): main\'s native open dialog', () => {
  const desktopWindow = (answer: ImportWeightsResult) => {
    const importWeights = vi.fn(async () => answer);
    const showOpenFilePicker = vi.fn();
    return { win: { snn: { files: { importWeights } }, showOpenFilePicker } as unknown as Window, importWeights, showOpenFilePicker };
  };

  it('returns the chosen file\'s name and text (the browser picker is not used)', async () => {
    const { win, importWeights, showOpenFilePicker } = desktopWindow({ ok: true, path: '/d/w.json', name: 'w.json', text: '{"format":"snn-weights"}' });
    expect(await pickTextFile(win)).toEqual({ name: 'w.json', text: '{"format":"snn-weights"}' });
    expect(importWeights).toHaveBeenCalledTimes(1);
    expect(showOpenFilePicker).not.toHaveBeenCalled();
  });

  it('a cancelled dialog is null', async () => {
    expect(await pickTextFile(desktopWindow({ ok: false, code: 'cancelled', error: 'open cancelled' }).win)).toBeNull();
  });

  it('an I/O failure throws main\'s sentence', async () => {
    const { win } = desktopWindow({ ok: false, code: 'io', error: 'cannot open gone.json: no such file or folder' });
    await expect(pickTextFile(win)).rejects.toThrow(new Error('cannot open gone.json: no such file or folder'));
  });
});
