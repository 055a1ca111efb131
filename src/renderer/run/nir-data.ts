// The raster's export menu item "Recordings as NIR data" (docs/formats.md, "NIR graph data"): what the plots
// hold — the raster's spikes and the traced neurons shown, sampled every `traceStride` steps — as NIR graph
// data, built by the shared code of `snn run --nir-data` (loaded on first use: h5wasm is large) and saved as a
// download, like every plot export (components/ExportMenu.tsx; under Electron the download asks where to save).
import type { Recordings } from '../../shared/interop/nir';
import { downloadBytes } from '../platform/web';
import type { RunData } from './controller';

/** Spike time in ms of a step, to 1e-6 ms as `snn run` writes it (src/cli/run-records.ts). */
const msOf = (step: number, dtMs: number) => Math.round(step * dtMs * 1e6) / 1e6;

/** The run's records as kept for the plots; `complete` is false when the raster kept only the first spikes. */
export function runRecordings(d: RunData): { recordings: Recordings; complete: boolean } {
  const layout = d.layout;
  if (!layout) throw new Error('no run yet');
  const dt = layout.dtMs;
  const spikes = layout.populations.map((p) => ({ population: p.id, size: p.size, index: [] as number[], timeMs: [] as number[] }));
  for (let k = 0; k < d.drawn; k++) {
    const row = d.spikeRows[k];
    const i = layout.populations.findIndex((p) => row >= d.rowOffset[p.id] && row < d.rowOffset[p.id] + p.size);
    if (i < 0) continue;
    spikes[i].index.push(row - d.rowOffset[layout.populations[i].id]);
    spikes[i].timeMs.push(msOf(d.spikeSteps[k], dt));
  }
  const steps = d.traceTime.length;
  const traces: Recordings['traces'] = [];
  for (const t of layout.traces) {
    const series = d.traceSeries.filter((s) => s.monitor === t.id);
    if (!series.length) continue;
    const values = new Float64Array(steps * series.length);
    series.forEach((s, j) => { for (let q = 0; q < steps; q++) values[q * series.length + j] = s.values[q]; });
    traces.push({ population: t.population, variable: t.variable, index: series.map((s) => s.neuron), steps, dtMs: dt * d.traceStride, values });
  }
  return { recordings: { durationMs: d.step * dt, spikes, traces }, complete: d.drawn === d.spikeCount };
}

/** Builds the file and hands it to the browser's download; resolves to a sentence for the status line. */
export async function saveRecordingsNir(d: RunData, networkName: string, win: Window = window): Promise<string> {
  const { recordings, complete } = runRecordings(d);
  const nir = await import('../../shared/interop/nir');
  const bytes = await nir.writeNirData(nir.recordingsToNirData(recordings));
  const name = `${networkName.replace(/[^A-Za-z0-9._-]+/g, '-') || 'network'}.recordings.nir`;
  downloadBytes(bytes, name, 'application/x-hdf5', win.document);
  return complete ? `Saved the recordings as NIR data: ${name}`
    : `Saved the recordings as NIR data: ${name} (the first ${d.drawn.toLocaleString('en-US')} of ${d.spikeCount.toLocaleString('en-US')} spikes, those the raster keeps; snn run --nir-data writes them all)`;
}
