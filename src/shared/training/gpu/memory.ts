// The GPU trainer's memory plan: every buffer it allocates for a plan and batch size, checked against the
// device's limits before anything is allocated, with a message that says what to shrink.
import type { TrainingPlan } from '../plan';
import { weightList } from '../params';
import { layerTape } from './layer-tape';

export interface BufferPlan { name: string; bytes: number; what: string }
export interface MemoryPlan { buffers: BufferPlan[]; totalBytes: number; workgroupBytes: number }

export interface LimitsLike {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeWorkgroupsPerDimension: number;
}

export function memoryPlan(plan: TrainingPlan): MemoryPlan {
  const B = plan.config.batchSize, T = plan.steps, rows = B * T;
  const f = (name: string, n: number, what: string): BufferPlan => ({ name, bytes: Math.max(16, 4 * n), what });
  const K = plan.layers[plan.layers.length - 1].size;
  const buffers: BufferPlan[] = [
    f('input bits', rows * Math.ceil(plan.inputs / 32), `batch ${B} × ${T} steps × ${plan.inputs} inputs, 1 bit each`),
    f('input spikes', rows * plan.inputs, `batch ${B} × ${T} steps × ${plan.inputs} inputs`),
    f('labels', B, 'per sample'), f('ipd', B, 'per sample'), f('loss', B, 'per sample'), f('readout', B * K, `batch × ${K} outputs`),
  ];
  let workgroupBytes = 16;
  for (const l of plan.layers) {
    const n = rows * l.size, what = `batch ${B} × ${T} steps × ${l.size} neurons of "${l.id}"`;
    const channels = new Set(l.inputs.flatMap((w) => (w.synapse.kind === 'exponential' ? [w.synapse.tauMs] : []))).size;
    const tape = layerTape(plan, l, channels > 0), K = tape.stateVars.length;
    buffers.push(f(`${l.id} inputs`, n, what), f(`${l.id} outputs`, n, what), f(`${l.id} output gradient`, n, what), f(`${l.id} input gradient`, n, what));
    if (K) buffers.push(f(`${l.id} state`, K * n, `${K} state variables (${tape.stateVars.join(', ')}) × ${what}`));
    if (tape.spiking) buffers.push(f(`${l.id} spike counts`, B, 'per sample'));
    if (channels) buffers.push(f(`${l.id} synaptic current`, n, what));
    for (let c = 0; c < channels; c++) buffers.push(f(`${l.id} channel ${c + 1} arrivals`, n, what), f(`${l.id} channel ${c + 1} gradient`, n, what));
    // A recurrent scan keeps per neuron in workgroup memory (./wgsl/scan.ts): two outputs (or their gradients),
    // the state, each channel's value, and with trained τ its gradient.
    if (l.recurrent) workgroupBytes = Math.max(workgroupBytes, 4 * (2 + Math.max(1, K) + channels + (tape.laneIn.size ? 1 : 0)) * l.size + 16);
  }
  for (const w of weightList(plan)) {
    const n = w.pre * w.post, what = `${w.pre} × ${w.post} weights of "${w.projection}"`;
    buffers.push(f(`${w.projection} weights`, n, what), f(`${w.projection} gradient`, n, what), f(`${w.projection} optimiser m`, n, what));
    if (plan.config.optimizer === 'adam') buffers.push(f(`${w.projection} optimiser v`, n, what));
  }
  return { buffers, totalBytes: buffers.reduce((a, b) => a + b.bytes, 0), workgroupBytes };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/** Problems of the plan on a device with these limits (empty when it fits). */
export function checkMemory(plan: TrainingPlan, limits: LimitsLike): string[] {
  const m = memoryPlan(plan), out: string[] = [];
  const maxBuf = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const b of m.buffers) {
    if (b.bytes > maxBuf) out.push(`the buffer "${b.name}" (${b.what}) needs ${mib(b.bytes)} but this device allows ${mib(maxBuf)} per buffer: lower the batch size, the duration or the layer size`);
  }
  if (m.workgroupBytes > limits.maxComputeWorkgroupStorageSize) {
    out.push(`the recurrent time scan keeps its outputs, their gradients and the state of every neuron in workgroup memory (${m.workgroupBytes} bytes) but this device allows ${limits.maxComputeWorkgroupStorageSize}: use fewer neurons per recurrent layer`);
  }
  const rows = plan.config.batchSize * plan.steps;
  if (plan.config.batchSize > limits.maxComputeWorkgroupsPerDimension || Math.ceil(rows / 16) > limits.maxComputeWorkgroupsPerDimension) {
    out.push(`batch ${plan.config.batchSize} × ${plan.steps} steps needs more workgroups per dimension than the device allows (${limits.maxComputeWorkgroupsPerDimension}): lower the batch size`);
  }
  return out;
}

export function describeMemory(plan: TrainingPlan): string {
  const m = memoryPlan(plan);
  return `${m.buffers.length} buffers, ${mib(m.totalBytes)} in all (largest: ${m.buffers.reduce((a, b) => (b.bytes > a.bytes ? b : a)).name}, ` +
    `${mib(Math.max(...m.buffers.map((b) => b.bytes)))}); ${m.workgroupBytes} bytes of workgroup memory per scan`;
}
