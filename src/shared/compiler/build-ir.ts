// Network document → NetworkIR: resolves params (catalogue defaults), synaptic channels, inputs, CSR
// projections with weights (STREAM.weights) and whole-step delays (STREAM.delays), and monitors.
import { compileExpression, SYNAPSE_VARS, type NetworkDocument, type Projection } from '../graph';
import { getModel, defaultParams, isPerNeuron, perNeuronRefusal, perNeuronSummary } from '../models';
import { CounterRng, STREAM } from '../rng';
import { buildConnectivity } from './connectivity';
import { CompileError } from './errors';
import type { ChannelIR, InputMode, MonitorIR, NetworkIR, PopulationIR, ProjectionIR } from './ir';
import { NEURON_RULES } from './models';
import { applyOverrides, type Override } from './overrides';

/** Largest delay the ring buffer may hold, in steps. */
export const MAX_DELAY_STEPS = 65_536;

export interface RecordRequest { population: string; variable: string; indices?: number[] }

export interface CompileOptions {
  seed?: number;
  dtMs?: number;
  durationMs?: number;
  overrides?: readonly Override[];
  /** Extra state recordings (`--record POP.VAR[:I,J]`); their monitor id is `POP.VAR`. */
  record?: readonly RecordRequest[];
}

export function buildIR(source: NetworkDocument, opts: CompileOptions = {}): NetworkIR {
  const doc = applyOverrides(source, opts.overrides ?? []);
  const dtMs = opts.dtMs ?? doc.simulation.dt_ms;
  const durationMs = opts.durationMs ?? doc.simulation.duration_ms;
  const seed = opts.seed ?? doc.simulation.seed;
  if (!(dtMs > 0)) throw new CompileError(`dt must be above 0 ms, got ${dtMs}`, 'usage');

  const populations: PopulationIR[] = doc.nodes.map((n, index) => {
    const model = getModel(n.model);
    if (!model) throw new CompileError(`node "${n.id}": unknown model "${n.model}"`, 'invalid');
    // Per-neuron values (docs/file-format.md) go to `perNeuron`; `params` keeps their mean as the one value.
    const params: Record<string, number | string | boolean> = { ...defaultParams(model) };
    let perNeuron: Record<string, Float64Array> | undefined;
    for (const [k, v] of Object.entries(n.params)) {
      if (!isPerNeuron(v)) { params[k] = v; continue; }
      const refusal = perNeuronRefusal(model, k);
      if (refusal) throw new CompileError(`node "${n.id}": parameter "${k}": ${refusal}`, 'invalid');
      if (v.per_neuron.length !== n.size) throw new CompileError(`node "${n.id}": parameter "${k}" has ${v.per_neuron.length} per-neuron values for ${n.size} neurons`, 'invalid');
      (perNeuron ??= {})[k] = Float64Array.from(v.per_neuron);
      params[k] = perNeuronSummary(v.per_neuron).mean;
    }
    const rule = NEURON_RULES[n.model];
    const stateVars = model.kind === 'neuron' ? [...model.state.map((s) => s.name), ...(rule?.internal ?? [])] : [];
    if (rule && rule.vars.join() !== stateVars.join()) throw new Error(`update rule of ${n.model} lists state ${rule.vars.join()} but the catalogue gives ${stateVars.join()}`);
    return {
      id: n.id, index, model: n.model, kind: model.kind, size: n.size, spiking: model.spiking, params, ...(perNeuron ? { perNeuron } : {}),
      stateVars, channels: [], input: inputMode(n, params, dtMs),
      generator: n.model === 'spike_generator' ? generatorSpikes(n.data?.spikes, dtMs) : undefined,
    };
  });
  const byId = new Map(populations.map((p) => [p.id, p]));

  const projections: ProjectionIR[] = doc.projections.map((pj, index) => {
    const src = byId.get(pj.source)!, tgt = byId.get(pj.target)!;
    const csr = buildConnectivity(pj.connectivity, src.size, tgt.size, src === tgt, seed, index);
    const nSyn = csr.post.length;
    const weight = buildWeights(pj, nSyn, csr.order, seed, index);
    const delay = buildDelays(pj, csr.rowPtr, csr.post, csr.order, src.size, tgt.size, dtMs, seed, index);
    let channel = -1;
    if (pj.synapse.kind !== 'current') channel = channelFor(tgt, pj);
    const allSame = nSyn > 0 && delay.every((d) => d === delay[0]);
    return {
      id: pj.id, index, source: src.index, target: tgt.index, synapse: pj.synapse.kind, channel,
      nPre: src.size, nPost: tgt.size, rowPtr: csr.rowPtr, post: csr.post, weight, delay,
      delayConst: allSame ? delay[0] : nSyn === 0 ? 1 : null,
      dense: pj.connectivity.rule === 'all_to_all' && !(src === tgt && !pj.connectivity.allow_self),
      plasticity: pj.plasticity ? {
        aPlus: pj.plasticity.a_plus, aMinus: pj.plasticity.a_minus, tauPlusMs: pj.plasticity.tau_plus_ms,
        tauMinusMs: pj.plasticity.tau_minus_ms, wMin: pj.plasticity.w_min, wMax: pj.plasticity.w_max,
      } : null,
    };
  });
  for (const p of populations) for (const c of p.channels) p.stateVars.push(...(c.stateVar ? [c.stateVar] : []));
  assignFixedBits(populations, projections);

  const monitors: MonitorIR[] = [];
  for (const m of doc.monitors) {
    const pop = byId.get(m.target)!;
    if (m.kind === 'spikes') monitors.push({ id: m.id, kind: 'spikes', population: pop.index, variable: '', indices: new Uint32Array(0) });
    else monitors.push(stateMonitor(m.id, pop, m.variable, m.indices));
  }
  for (const r of opts.record ?? []) {
    const pop = byId.get(r.population);
    if (!pop) throw new CompileError(`--record ${r.population}.${r.variable}: no population "${r.population}" (nodes: ${populations.map((p) => p.id).join(', ')})`, 'usage');
    monitors.push(stateMonitor(`${r.population}.${r.variable}`, pop, r.variable, r.indices, true));
  }
  const maxDelay = projections.reduce((a, p) => (p.synapse === 'current' ? a : Math.max(a, ...maxOf(p.delay))), 1);
  return { name: doc.meta.name, dtMs, durationMs, seed, populations, projections, monitors, maxDelay };
}

const maxOf = (a: Uint32Array) => [a.reduce((m, x) => (x > m ? x : m), 1)];

function stateMonitor(id: string, pop: PopulationIR, variable: string, indices: number[] | undefined, fromCli = false): MonitorIR {
  if (!pop.stateVars.includes(variable)) {
    throw new CompileError(`${fromCli ? '--record' : `monitor "${id}"`}: "${pop.id}" has no state variable "${variable}" (it has: ${pop.stateVars.join(', ') || 'none'})`, fromCli ? 'usage' : 'invalid');
  }
  const ix = indices ?? Array.from({ length: pop.size }, (_, i) => i);
  const bad = ix.find((i) => !Number.isInteger(i) || i < 0 || i >= pop.size);
  if (bad !== undefined) throw new CompileError(`monitor "${id}": index ${bad} is out of range for "${pop.id}" of size ${pop.size}`, fromCli ? 'usage' : 'invalid');
  return { id, kind: 'state', population: pop.index, variable, indices: Uint32Array.from(ix) };
}

function channelFor(tgt: PopulationIR, pj: Projection): number {
  const s = pj.synapse;
  const kind = s.kind as ChannelIR['kind'];
  const tau = 'tau_ms' in s ? s.tau_ms : 0, eRev = 'e_rev' in s ? s.e_rev : 0;
  const found = tgt.channels.findIndex((c) => c.kind === kind && c.tauMs === tau && c.eRev === eRev);
  if (found >= 0) return found;
  const stateVar = kind === 'delta' ? '' : `${kind === 'conductance' ? 'g' : 'I'}_${pj.id}`;
  tgt.channels.push({ kind, tauMs: tau, eRev, stateVar, fixedBits: 24 });
  return tgt.channels.length - 1;
}

/** Fixed-point bits per channel: the largest possible one-step input of any neuron must fit in ±2^30. */
function assignFixedBits(pops: PopulationIR[], projs: ProjectionIR[]) {
  for (const pop of pops) {
    pop.channels.forEach((ch, c) => {
      const bound = new Float64Array(pop.size);
      for (const pj of projs) {
        if (pj.target !== pop.index || pj.channel !== c) continue;
        const cap = pj.plasticity ? Math.max(Math.abs(pj.plasticity.wMin), Math.abs(pj.plasticity.wMax)) : 0;
        for (let s = 0; s < pj.post.length; s++) bound[pj.post[s]] += Math.max(Math.abs(pj.weight[s]), cap);
      }
      const b = bound.reduce((m, x) => Math.max(m, x), 0);
      const bits = b > 0 ? Math.min(24, 30 - Math.ceil(Math.log2(b))) : 24;
      if (bits < 0) throw new CompileError(`population "${pop.id}": summed input weights up to ${b.toExponential(2)} are too large for the fixed-point accumulator (limit 2^30)`, 'limits');
      ch.fixedBits = bits;
    });
  }
}

function buildWeights(pj: Projection, n: number, order: Uint32Array | null, seed: number, index: number): Float32Array {
  const w = new Float32Array(n), wr = pj.weight;
  const rng = new CounterRng(seed, STREAM.weights + index);
  for (let s = 0; s < n; s++) {
    switch (wr.dist) {
      case 'constant': w[s] = wr.value; break;
      case 'uniform': w[s] = wr.low + (wr.high - wr.low) * rng.next(); break;
      case 'normal': w[s] = wr.mean + wr.std * rng.normal(); break;
      case 'explicit': {
        const k = order ? order[s] : s;
        if (k >= wr.values.length) throw new CompileError(`projection "${pj.id}": weight.values has ${wr.values.length} entries but the rule made ${n} synapses`, 'invalid');
        w[s] = wr.values[k];
      }
    }
  }
  return w;
}

function buildDelays(pj: Projection, rowPtr: Uint32Array, post: Uint32Array, order: Uint32Array | null, nPre: number, nPost: number, dt: number, _seed: number, _index: number): Uint32Array {
  const out = new Uint32Array(post.length), d = pj.delay;
  const expr = d.kind === 'expression' ? compileExpression(d.expr, SYNAPSE_VARS) : null;
  const vars = { pre: 0, post: 0, n_pre: nPre, n_post: nPost };
  for (let i = 0; i < nPre; i++) {
    for (let s = rowPtr[i]; s < rowPtr[i + 1]; s++) {
      let ms: number;
      if (d.kind === 'constant') ms = d.ms;
      else if (d.kind === 'explicit') {
        const k = order ? order[s] : s;
        if (k >= d.ms.length) throw new CompileError(`projection "${pj.id}": delay.ms has ${d.ms.length} entries but the rule made ${post.length} synapses`, 'invalid');
        ms = d.ms[k];
      } else { vars.pre = i; vars.post = post[s]; ms = expr!(vars); }
      if (!Number.isFinite(ms) || ms < 0) throw new CompileError(`projection "${pj.id}": delay of synapse ${i}→${post[s]} is ${ms} ms (must be a finite number ≥ 0)`, 'invalid');
      const steps = Math.max(1, Math.round(ms / dt));
      if (steps > MAX_DELAY_STEPS) {
        throw new CompileError(`projection "${pj.id}": delay ${ms} ms = ${steps} steps of ${dt} ms is beyond the limit of ${MAX_DELAY_STEPS} steps; shorten the delay or use a larger dt`, 'invalid');
      }
      out[s] = steps;
    }
  }
  return out;
}

const stepOf = (ms: number, dt: number) => Math.min(0xffffffff, Math.max(0, Math.round(ms / dt)));

function inputMode(n: NetworkDocument['nodes'][number], params: Record<string, number | string | boolean>, dt: number): InputMode {
  switch (n.model) {
    case 'poisson': {
      const shape = params.shape;
      if (shape === 'sine') return { kind: 'table' };
      const rates = shape === 'data' ? n.data!.rates_hz! : new Array<number>(n.size).fill(params.rate_hz as number);
      const prob = Float32Array.from(rates, (r) => (r * dt) / 1000);
      const step = shape === 'step';
      return { kind: 'const', prob, startStep: step ? stepOf(params.start_ms as number, dt) : 0, stopStep: step ? stepOf(params.stop_ms as number, dt) : 0xffffffff };
    }
    case 'sound_source': case 'dataset': case 'spike_generator': return { kind: 'table' };
    case 'current': return { kind: 'current' };
    default: return { kind: 'none' };
  }
}

function generatorSpikes(spikes: { index: number[]; time_ms: number[] } | undefined, dt: number) {
  const pairs = (spikes?.index ?? []).map((ix, k) => [stepOf(spikes!.time_ms[k], dt), ix] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { step: Uint32Array.from(pairs, (p) => p[0]), index: Uint32Array.from(pairs, (p) => p[1]) };
}
