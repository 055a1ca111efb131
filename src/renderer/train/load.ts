// Reading a weights file back into the Training tab: the same checks as `snn evaluate --weights` / `snn train
// --resume` (parseWeightsText, then checkWeightsFor against the plan's expectation and the document's hash), and
// the same lines the CLI prints: `NAME: invalid weights file` or `NAME: these weights do not fit NETWORK`, then
// one `error: PATH: what` per problem; a warning (changed source, other network name) loads with its line.
// Pure apart from the SHA-256 the caller passes; a file picker (Electron's native dialog through window.snn, the
// File System Access API, else <input type=file>).
import { formatDiagnostic } from '../../shared/graph';
import { checkWeightsFor, parseWeightsText, type WeightsFile } from '../../shared/io/weights';
import type { SnnApi } from '../../shared/ipc';
import { weightsExpectation, weightsFromFile, type TrainingPlan } from '../../shared/training';
import type { FileSystemFileHandleLike } from '../platform/types';
import { pickWithInput } from '../platform/web';

export type WeightsCheck =
  | { ok: true; file: WeightsFile; warnings: string[] }
  | { ok: false; lines: string[] };

/** Parse `text` (a file called `name`) and check it fits `plan`, as the CLI's loadWeightsFor does. */
export function checkWeightsText(text: string, name: string, plan: TrainingPlan, sha256: string): WeightsCheck {
  const r = parseWeightsText(text);
  if (!r.ok) return { ok: false, lines: [`${name}: invalid weights file`, ...r.diagnostics.map(formatDiagnostic)] };
  const ds = checkWeightsFor(r.file, weightsExpectation(plan, sha256));
  const errs = ds.filter((d) => d.severity === 'error');
  if (errs.length) return { ok: false, lines: [`${name}: these weights do not fit ${plan.network}`, ...errs.map(formatDiagnostic)] };
  return { ok: true, file: r.file, warnings: ds.filter((d) => d.severity === 'warning').map((d) => `${name}: ${formatDiagnostic(d)}`) };
}

/** The file's matrices in the plan's order, or the lines saying why they no longer fit (the document changed). */
export function loadedWeightsFor(file: WeightsFile, name: string, plan: TrainingPlan): { ok: true; weights: Float64Array[] } | { ok: false; lines: string[] } {
  const errs = checkWeightsFor(file, weightsExpectation(plan)).filter((d) => d.severity === 'error');
  if (errs.length) return { ok: false, lines: [`${name}: these weights do not fit ${plan.network}`, ...errs.map(formatDiagnostic)] };
  return { ok: true, weights: weightsFromFile(plan, file) };
}

interface PickerWindow {
  showOpenFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike[]>;
  snn?: SnnApi;
}

/** Let the user choose a .json file: in Electron (`window.snn`) main's native open dialog (files.importWeights;
 *  a failure throws an Error with main's sentence), else the open picker where the browser has one, else a
 *  hidden <input type=file>. Resolves null when the user cancels. */
export async function pickTextFile(win: Window = window): Promise<{ name: string; text: string } | null> {
  const pw = win as unknown as PickerWindow;
  if (pw.snn) {
    const r = await pw.snn.files.importWeights();
    if (r.ok) return { name: r.name, text: r.text };
    if (r.code === 'cancelled') return null;
    throw new Error(r.error);
  }
  if (pw.showOpenFilePicker) {
    try {
      const [handle] = await pw.showOpenFilePicker({ multiple: false, types: [{ description: 'SNN weights', accept: { 'application/json': ['.json'] } }] });
      const file = await handle.getFile();
      return { name: handle.name, text: await file.text() };
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      throw e;
    }
  }
  const file = await pickWithInput(win.document);
  return file ? { name: file.name, text: await file.text() } : null;
}
