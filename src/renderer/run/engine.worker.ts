// The engine worker: compiles the document, runs it on the GPU engine (its own WebGPU device) or the CPU
// engine, in slices so that pause/stop messages get through, and posts every chunk of spikes and traces. The
// CPU engine runs on two threads where the page is cross-origin isolated (./engine-threads.ts).
import { classifyEdit, compileNetwork, type NetworkIR } from '../../shared/compiler';
import type { RecordRequest } from '../../shared/compiler/build-ir';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import { createGpuEngine } from '../../shared/engine/gpu-engine';
import { applyEdit } from '../../shared/engine/apply-edit';
import type { Engine } from '../../shared/engine/types';
import type { PeerPort, PeerReply } from '../../shared/engine/step-link';
import { appCpuOptions, type ThreadsChoice } from './engine-threads';
import type { NetworkDocument } from '../../shared/graph';
import type { FromWorker, ToWorker } from './protocol';
import { sampleSynapsesFromIR } from '../view3d/ir';
import { ViewWeights } from './view-weights';
import { matrixProblem, plasticProjections, plasticWeightsFile } from '../../shared/io/plastic-weights';
import { documentText, sha256Hex } from '../train/export';

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
const nextTick = () => new Promise<void>((r) => setTimeout(r, 0));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let engine: Engine | null = null;
let doc: NetworkDocument | null = null;
/** The compiled network of the run (plastic projections' synapse order, for the final weights). */
let ir: NetworkIR | null = null;
let dtMs = 0.1;
let totalSteps = 0;
const control = { aborted: false, stop: false };
/** Plastic projections' sampled synapses (IR order): their weights go to the 3D view while it is open. */
let viewWeights = new ViewWeights([], post);
let viewOpen = false;
let busy = false;

/** The second threads started for the engine being made, each settling once its worker has the network (./engine-peer.worker.ts). */
let peersUp: Promise<void>[] = [];

/** Starts the CPU engine's second thread as a nested module Worker. */
function spawnPeer(): PeerPort {
  const w = new Worker(new URL('./engine-peer.worker.ts', import.meta.url), { type: 'module' });
  let handler: ((m: PeerReply) => void) | null = null;
  peersUp.push(new Promise<void>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<PeerReply | 'ready'>) => { if (e.data === 'ready') resolve(); else handler?.(e.data); };
    w.onerror = (e) => { reject(new Error(`The CPU engine's second thread failed to start: ${e.message || 'unknown error'}`)); };
  }));
  return { post: (m) => w.postMessage(m), onMessage: (h) => { handler = h; }, close: () => w.terminate() };
}

async function createEngine(d: NetworkDocument, backend: 'gpu' | 'cpu', record: RecordRequest[] = [], threads: ThreadsChoice = 'auto'): Promise<{ engine: Engine; adapter: string; ir: NetworkIR; threads?: number }> {
  const ir = compileNetwork(d, { seed: d.simulation.seed, record });
  if (backend === 'gpu') {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('No WebGPU adapter in the worker: choose the CPU backend');
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
      },
    });
    const name = adapter.info.description || adapter.info.vendor || 'WebGPU';
    device.lost.then((info) => { if (info.reason !== 'destroyed') post({ type: 'error', message: `The GPU device was lost: ${info.message}` }); });
    return { engine: await createGpuEngine(device, ir, { adapter: name }), adapter: name, ir };
  }
  peersUp = [];
  const env = { isolated: (self as { crossOriginIsolated?: boolean }).crossOriginIsolated === true, cores: navigator.hardwareConcurrency || 0 };
  const cpu = createCpuEngine(ir, appCpuOptions(threads, env, spawnPeer));
  // The first step blocks this worker until the second thread meets it: wait until that thread has the network.
  try {
    await Promise.all(peersUp);
  } catch (e) {
    cpu.dispose();
    throw e;
  }
  return { engine: cpu, adapter: 'CPU', ir, threads: cpu.threads };
}

/** Run `steps` steps in slices of about 30 ms of work, yielding between them; honours pause, stop and speed. */
async function runSteps(steps: number, speed: number | null) {
  busy = true;
  control.aborted = false;
  await viewWeights.settled();
  let left = Math.min(steps, totalSteps - engine!.step);
  let slice = Math.max(1, Math.min(left, Math.round(1 / dtMs)));
  while (left > 0 && !control.aborted && engine) {
    const t0 = performance.now();
    const n = Math.min(slice, left);
    await engine.run({ steps: n, chunkSteps: n, onChunk: (chunk) => post({ type: 'chunk', chunk }) });
    left -= n;
    if (engine) await viewWeights.afterSlice(engine);
    const took = performance.now() - t0;
    if (speed) {
      const want = (n * dtMs) / speed;
      if (want > took) await sleep(want - took);
      slice = Math.max(1, Math.round((16 * speed) / dtMs));
    } else {
      slice = Math.max(1, Math.min(20_000, Math.round(n * (30 / Math.max(took, 1)))));
    }
    await nextTick();
  }
  busy = false;
  if (!engine) return;
  if (control.stop || engine.step >= totalSteps) await finish();
  else post({ type: 'paused', step: engine.step });
}

/** The plastic projections' weights after the run, as the file `snn run --weights-out` writes (Save weights);
 *  nothing when there are none, or when one has a pair of two synapses (no [pre][post] cell for them). */
async function postFinalWeights(e: Engine) {
  const plastic = ir ? plasticProjections(ir) : [];
  if (!ir || !doc || !plastic.length) return;
  const problem = plastic.map(matrixProblem).find((x) => x);
  if (problem) { post({ type: 'notice', message: `Save weights is not offered: ${problem}` }); return; }
  const finals = await Promise.all(plastic.map((p) => e.readWeights(p.id)));
  post({ type: 'finalWeights', file: plasticWeightsFile(doc, ir, finals, await sha256Hex(documentText(doc))) });
}

async function finish() {
  if (!engine) return;
  // The final weights, for a 3D view opened after the run (the engine goes away now): one small gather.
  await viewWeights.atEnd(engine);
  if (!engine) return;
  await postFinalWeights(engine);
  if (!engine) return;
  const step = engine.step;
  post({ type: 'finished', step, summary: { backend: engine.backend, adapter: '', stepsRun: step, stopped: step < totalSteps, wallMs: 0, droppedSpikes: 0 } });
  engine.dispose();
  engine = null;
  control.stop = false;
}

/** Parameter edits made while paused reach the engine; a changed structure needs a new run. */
/** Edits made while paused: parameter-only edits rewrite the engine's buffers (the compiler's structural
 *  classification, shared with the tests). An edit that changes the compiled program keeps the run paused
 *  and says so, rather than resuming a network that is no longer the one on screen. */
function applyEdits(next: NetworkDocument): boolean {
  if (!doc || !engine) return false;
  const verdict = classifyEdit(doc, next);
  if (!applyEdit(engine, verdict)) {
    post({ type: 'paused', step: engine.step });
    post({ type: 'notice', message: `Paused: the network changed (${verdict.reasons[0] ?? 'structure'}) — Stop and Run again to use it` });
    return false;
  }
  doc = next;
  return true;
}

async function handle(m: ToWorker) {
  try {
    if (m.type === 'start') {
      engine?.dispose();
      engine = null;
      control.stop = false;
      viewOpen = m.viewOpen; // a 'view' message during the compile below updates it
      const made = await createEngine(m.doc, m.backend, m.record, m.threads);
      engine = made.engine;
      ir = made.ir;
      doc = m.doc;
      dtMs = m.doc.simulation.dt_ms;
      totalSteps = m.steps;
      const synapses = sampleSynapsesFromIR(made.ir);
      viewWeights = new ViewWeights(made.ir.projections.filter((p) => p.plasticity)
        .map((p) => ({ id: p.id, index: synapses[p.id].index as Uint32Array })), post);
      viewWeights.open = viewOpen;
      post({
        type: 'ready',
        layout: {
          backend: m.backend, adapter: made.adapter, dtMs, totalSteps, ...(made.threads ? { threads: made.threads } : {}),
          populations: made.ir.populations.filter((p) => p.spiking).map((p) => ({ id: p.id, size: p.size })),
          traces: made.ir.monitors.filter((mon) => mon.kind === 'state').map((mon) => ({
            id: mon.id, population: made.ir.populations[mon.population].id, variable: mon.variable, indices: Array.from(mon.indices),
          })),
        },
        synapses,
      });
      viewWeights.initial(made.ir);
      await runSteps(m.pauseAfter ?? m.steps, m.speed);
    } else if (m.type === 'continue') {
      if (!engine || busy) return;
      if (applyEdits(m.doc)) await runSteps(m.steps, m.speed);
    } else if (m.type === 'pause') {
      control.aborted = true;
    } else if (m.type === 'stop') {
      control.aborted = true;
      control.stop = true;
      if (!busy) await finish();
    } else if (m.type === 'view') {
      viewOpen = m.open;
      await viewWeights.setOpen(m.open, engine, busy);
    }
  } catch (e) {
    busy = false;
    engine?.dispose();
    engine = null;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => { void handle(e.data); };
