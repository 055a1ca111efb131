// Runs one network on an engine and measures it: simulated seconds per wall second, neuron updates/s,
// synaptic events/s (every delivered spike × its row length, from the exact spike counts) and, for the GPU,
// the bytes the kernels must move per step (a model of the traffic) per second.
import { compileNetwork, type NetworkIR } from '../../src/shared/compiler';
import type { Engine } from '../../src/shared/engine/types';
import type { NetworkDocument } from '../../src/shared/graph';
import { nowMs } from '../../src/shared/engine/clock';

export interface Measurement {
  network: string; neurons: number; synapses: number; backend: string; steps: number;
  wallS: number; /** Process CPU time of the run (s; Node's process.cpuUsage). */ cpuS: number; simPerWall: number; neuronUpdatesPerS: number; eventsPerS: number; bytesPerS: number; firingHz: number; buildS: number;
}

/** Bytes per step the GPU kernels move: state, rings, spike flags per neuron; index, weight, ring per event. */
function trafficBytes(ir: NetworkIR, steps: number, events: number): number {
  let perStep = 0;
  for (const p of ir.populations) {
    const nv = p.stateVars.length, nch = p.channels.length;
    perStep += p.size * (p.kind === 'neuron' ? 8 * nv + 8 * nch + 4 : 8) + (p.spiking ? 4 * p.size : 0);
  }
  let perEvent = 0, nEv = 0;
  for (const pj of ir.projections) {
    nEv += pj.post.length;
    perEvent += pj.post.length * ((pj.dense ? 0 : 4) + 4 + (pj.delayConst === null ? 4 : 0) + 8);
  }
  return perStep * steps + (nEv ? (perEvent / nEv) * events : 0);
}

export async function measure(doc: NetworkDocument, steps: number, make: (ir: NetworkIR) => Promise<Engine>): Promise<Measurement> {
  const tb = nowMs();
  const ir = compileNetwork(doc);
  const buildS = (nowMs() - tb) / 1000;
  const engine = await make(ir);
  await engine.run({ steps: Math.min(20, steps) }); // warm-up: pipelines, first chunk
  engine.reset();
  const t0 = nowMs(), c0 = process.cpuUsage();
  await engine.run({ steps });
  const wallS = (nowMs() - t0) / 1000, used = process.cpuUsage(c0), cpuS = (used.user + used.system) / 1e6;
  let events = 0, spikes = 0;
  for (const p of ir.populations) {
    if (!p.spiking || !engine.spikeCounts) continue;
    const counts = await engine.spikeCounts(p.id);
    for (let i = 0; i < counts.length; i++) spikes += counts[i];
    for (const pj of ir.projections) {
      if (pj.source !== p.index || pj.synapse === 'current') continue;
      for (let i = 0; i < counts.length; i++) events += counts[i] * (pj.rowPtr[i + 1] - pj.rowPtr[i]);
    }
  }
  engine.dispose();
  const neurons = ir.populations.reduce((a, p) => a + p.size, 0);
  const simS = (steps * ir.dtMs) / 1000;
  return {
    network: ir.name, neurons, synapses: ir.projections.reduce((a, p) => a + p.post.length, 0), backend: engine.backend, steps,
    wallS, cpuS, simPerWall: simS / wallS, neuronUpdatesPerS: (neurons * steps) / wallS, eventsPerS: events / wallS,
    bytesPerS: trafficBytes(ir, steps, events) / wallS, firingHz: spikes / neurons / simS, buildS,
  };
}
