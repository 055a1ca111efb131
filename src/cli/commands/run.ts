// `snn run NETWORK`: compile a document and simulate it on the GPU (Dawn) or the CPU engine; write the
// `snn-run` v1 JSON (docs/cli.md) to --out (atomically) or stdout; progress on stderr.
import { join, resolve } from 'node:path';
import { parseDocumentText, formatDiagnostic, type NetworkDocument } from '../../shared/graph';
import { applyOverrides, buildProgram, CompileError, compileNetwork, describeProgram, parseOverride, type NetworkIR, type PropagationChoice, type RecordRequest } from '../../shared/compiler';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import { createGpuEngine } from '../../shared/engine/gpu-engine';
import { EngineError, type Engine } from '../../shared/engine/types';
import { CliError, EXIT, invalidInput, runtimeError, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, readTextFile, writeFileAtomic, type CliIo } from '../io';
import { numberOption, seedOption } from '../options';
import { getNodeGpu, requestNodeDevice } from '../node-gpu';
import { enforceRunBudget, hostLimits, MEMORY_LIMIT_OPTION } from '../budget';
import type { Command } from './types';

export type BackendChoice = 'auto' | 'gpu' | 'cpu';

let sharedDevice: Promise<GPUDevice> | undefined;

/** `--propagation auto|csr|dense` (GPU spike propagation per projection, docs/engine.md). */
export function parsePropagation(value: unknown): PropagationChoice {
  const v = (value ?? 'auto') as string;
  if (!['auto', 'csr', 'dense'].includes(v)) throw usageError(`--propagation ${v}: must be auto, csr or dense`);
  return v as PropagationChoice;
}

/** Load and check a document; exit 3 with its diagnostics when invalid. */
export function loadNetwork(io: CliIo, file: string): NetworkDocument {
  const { text } = readTextFile(io, file, 'network document');
  const r = parseDocumentText(text);
  if (!r.ok) throw invalidInput(`${file}: invalid network:\n${r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
  return r.doc;
}

/** Map compiler/engine errors to the CLI's exit codes. */
export function toCliError(e: unknown): unknown {
  if (e instanceof CompileError) return new CliError(e.kind === 'usage' ? EXIT.usage : e.kind === 'invalid' ? EXIT.invalidInput : EXIT.runtime, e.message);
  if (e instanceof EngineError) return runtimeError(e.kind === 'limits' ? `${e.message} (or run it on the CPU engine: --backend cpu)` : e.message);
  return e;
}

/** An engine for the chosen backend; `auto` falls back to the CPU when no adapter exists. */
export async function makeEngine(ir: NetworkIR, backend: BackendChoice, io: CliIo, gpu: { propagation?: PropagationChoice } = {}): Promise<{ engine: Engine; adapter: string }> {
  if (backend !== 'cpu') {
    const g = await getNodeGpu();
    if (g.ok) {
      // Dawn gives one device per adapter: share it within the process (tests, bench run several networks).
      sharedDevice ??= requestNodeDevice(g.value.adapter, 'snn');
      const device = await sharedDevice;
      const engine = await createGpuEngine(device, ir, { adapter: g.value.description, propagation: gpu.propagation });
      return { engine, adapter: g.value.description };
    }
    if (backend === 'gpu') throw runtimeError(`--backend gpu: ${g.reason}`);
    io.stderr(`snn: no WebGPU adapter (${g.reason}); using the CPU engine\n`);
  }
  return { engine: createCpuEngine(ir), adapter: 'cpu' };
}

function parseRecord(text: string): RecordRequest {
  const m = /^([^.:]+)\.([^:]+)(?::(.*))?$/.exec(text);
  if (!m) throw usageError(`--record "${text}": expected POP.VAR or POP.VAR:I,J,...`);
  let indices: number[] | undefined;
  if (m[3] !== undefined) {
    const parts = m[3].split(',').map((s) => s.trim());
    // Number('') is 0: an empty list or an empty entry ("POP.VAR:", "1,,2") would silently record neuron 0.
    if (parts.some((s) => s === '')) throw usageError(`--record "${text}": ${m[3].trim() === '' ? 'the index list after ":" is empty (omit ":" to record every neuron)' : 'an index in the list is empty'}`);
    indices = parts.map(Number);
    if (indices.some((i) => !Number.isInteger(i) || i < 0)) throw usageError(`--record "${text}": indices must be whole numbers ≥ 0`);
  }
  return { population: m[1], variable: m[2], indices };
}

const ms = (step: number, dt: number) => Math.round(step * dt * 1e6) / 1e6;

export const run: Command = {
  name: 'run',
  summary: 'simulate a network on the GPU (or CPU) and write spikes and traces as JSON',
  usage: 'snn run NETWORK.snn.json [--duration MS] [--dt MS] [--seed N] [--backend auto|gpu|cpu] [--set NODE.PARAM=VALUE]... [--record POP.VAR[:I,J]]... [--out FILE] [--dump-wgsl DIR] [--propagation auto|csr|dense] [--memory-limit SIZE]',
  options: {
    duration: { type: 'string', description: 'simulated time in ms (default: the document\'s)' },
    dt: { type: 'string', description: 'time step in ms (default: the document\'s)' },
    seed: { type: 'string', description: 'random seed (default: the document\'s)' },
    backend: { type: 'string', description: 'auto (GPU when an adapter exists), gpu or cpu' },
    set: { type: 'string', multiple: true, description: 'override a parameter: NODE.PARAM=VALUE (also NODE.size)' },
    record: { type: 'string', multiple: true, description: 'record a state variable: POP.VAR or POP.VAR:I,J,...' },
    out: { type: 'string', description: 'write the JSON result here (whole or not at all) instead of stdout (- is stdout)' },
    ...FOLLOW_LINKS_OPTION,
    'dump-wgsl': { type: 'string', description: 'write the generated WGSL kernels and program.json into this folder' },
    propagation: { type: 'string', description: 'GPU spike propagation: auto (per projection: dense matrix–vector or event-driven CSR), csr or dense' },
    ...MEMORY_LIMIT_OPTION,
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw usageError(`expected one network file\nusage: ${this.usage}`);
    const backend = (values.backend ?? 'auto') as string;
    if (!['auto', 'gpu', 'cpu'].includes(backend)) throw usageError(`--backend ${backend}: must be auto, gpu or cpu`);
    const duration = numberOption(values.duration, 'duration', { min: 0, above: true });
    const dt = numberOption(values.dt, 'dt', { min: 0, above: true });
    const seed = seedOption(values.seed);
    const propagation = parsePropagation(values.propagation);
    hostLimits(values['memory-limit']); // a malformed --memory-limit is a usage error before any work
    const followLinks = values['follow-links'] === true;
    const network = { option: 'network', path: positionals[0] };
    const out = typeof values.out === 'string' && values.out !== STDOUT ? values.out : undefined;
    checkOutputs(io, [network], out ? [{ option: '--out', path: out }] : [], followLinks);
    const doc = loadNetwork(io, positionals[0]);
    let engine: Engine | undefined;
    try {
      const overrides = ((values.set as string[] | undefined) ?? []).map(parseOverride);
      const record = ((values.record as string[] | undefined) ?? []).map(parseRecord);
      // The budget before anything is compiled or allocated (docs/cli.md, "Limits").
      const gpu = backend === 'cpu' ? undefined : await getNodeGpu();
      const limits = hostLimits(values['memory-limit'], gpu?.ok ? gpu.value.adapter.limits : undefined);
      enforceRunBudget(positionals[0], applyOverrides(doc, overrides), { dtMs: dt, durationMs: duration, record, keepRecords: true }, limits);
      const ir = compileNetwork(doc, { seed, dtMs: dt, durationMs: duration, overrides, record });
      const steps = Math.max(1, Math.round(ir.durationMs / ir.dtMs));
      const dumpDir = values['dump-wgsl'] as string | undefined;
      const made = await makeEngine(ir, backend as BackendChoice, io, { propagation });
      engine = made.engine;
      const adapter = made.adapter;
      if (dumpDir) {
        const program = 'program' in engine ? (engine as { program: ReturnType<typeof buildProgram> }).program : buildProgram(ir, { chunkSteps: 1000, propagation });
        const dir = resolve(io.cwd, dumpDir);
        const files = [...program.kernels.map((k) => ({ name: `${k.name}.wgsl`, text: k.code })), { name: 'program.json', text: JSON.stringify(describeProgram(program), null, 2) + '\n' }];
        checkOutputs(io, [network], [...(out ? [{ option: '--out', path: out }] : []), ...files.map((f) => ({ option: '--dump-wgsl', path: join(dir, f.name) }))], followLinks);
        for (const f of files) writeFileAtomic(join(dir, f.name), f.text, { followLinks, option: '--dump-wgsl' });
        io.stderr(`snn run: wrote ${program.kernels.length} kernels to ${dumpDir}\n`);
      }
      io.stderr(`snn run: "${ir.name}" on the ${engine.backend.toUpperCase()} backend (${adapter}), ${steps} steps of ${ir.dtMs} ms\n`);
      const spikes = new Map<string, { index: number[]; time: number[] }>();
      const traces = new Map<string, { pop: string; variable: string; index: number[]; time: number[]; values: number[][] }>();
      for (const p of ir.populations) if (p.spiking) spikes.set(p.id, { index: [], time: [] });
      let lastPct = -1;
      const summary = await engine.run({
        steps,
        onChunk: (c) => {
          for (const [id, s] of Object.entries(c.spikes)) {
            const o = spikes.get(id)!;
            for (let i = 0; i < s.index.length; i++) { o.index.push(s.index[i]); o.time.push(ms(s.step[i], ir.dtMs)); }
          }
          for (const [key, t] of Object.entries(c.traces)) {
            let o = traces.get(key);
            if (!o) { o = { pop: t.population, variable: t.variable, index: Array.from(t.indices), time: [], values: t.indices.length ? Array.from(t.indices, () => []) : [] }; traces.set(key, o); }
            const k = c.stepEnd - c.stepStart;
            if (o.time.length < c.stepEnd) for (let s = 0; s < k; s++) o.time.push(ms(c.stepStart + s, ir.dtMs));
            for (let r = 0; r < t.indices.length; r++) for (let s = 0; s < k; s++) o.values[r].push(t.values[r * k + s]);
          }
          const pct = Math.floor((100 * c.stepEnd) / steps);
          if (io.isTTY) {
            const w = 30, fill = Math.round((w * c.stepEnd) / steps);
            io.stderr(`\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${c.stepEnd}/${steps} steps`);
            if (c.stepEnd === steps) io.stderr('\n');
          } else if (pct >= lastPct + 10 || c.stepEnd === steps) {
            lastPct = pct;
            io.stderr(`snn run: ${c.stepEnd}/${steps} steps (${pct}%)\n`);
          }
        },
      });
      if (summary.droppedSpikes > 0) io.stderr(`snn run: warning: ${summary.droppedSpikes} spikes did not fit the GPU spike record and are missing from "spikes" (spike_count is complete)\n`);
      const populations: Record<string, unknown> = {};
      for (const p of ir.populations) {
        const entry: Record<string, unknown> = { size: p.size };
        if (p.spiking) {
          const s = spikes.get(p.id)!;
          const counts = engine.spikeCounts ? Array.from(await engine.spikeCounts(p.id)) : countOf(s.index, p.size);
          entry.spike_count = counts;
          entry.spikes = { index: s.index, time_ms: s.time };
        } else {
          entry.spike_count = new Array(p.size).fill(0);
          entry.spikes = { index: [], time_ms: [] };
        }
        const tr = [...traces.values()].filter((t) => t.pop === p.id);
        // One trace per variable: the first monitor that records it (document monitors, then --record).
        if (tr.length) entry.traces = Object.fromEntries(tr.reverse().map((t) => [t.variable, { index: t.index, time_ms: t.time, values: t.values }]));
        populations[p.id] = entry;
      }
      const result = {
        format: 'snn-run', version: 1, network: ir.name, backend: engine.backend, adapter, seed: ir.seed,
        dt_ms: ir.dtMs, duration_ms: ir.durationMs, steps: summary.stepsRun, wall_ms: Math.round(summary.wallMs * 10) / 10,
        dropped_spikes: summary.droppedSpikes, populations,
      };
      engine.dispose();
      let text: string;
      try {
        text = JSON.stringify(result) + '\n';
      } catch (e) {
        // More records than the budget's estimate (docs/cli.md, "Limits"): one JSON text is capped by V8's string length.
        if (e instanceof RangeError) throw runtimeError(`the result is too large for one JSON text (${e.message}); record fewer neurons or a shorter duration`);
        throw e;
      }
      if (out) {
        writeFileAtomic(resolve(io.cwd, out), text, { followLinks, option: '--out' });
        io.stderr(`snn run: wrote ${out}\n`);
      } else io.stdout(text);
      return EXIT.ok;
    } catch (e) {
      // Free the engine's buffers before the error reaches the process exit (docs/engine.md, divergence).
      engine?.dispose();
      throw toCliError(e);
    }
  },
};

function countOf(index: number[], size: number): number[] {
  const c = new Array(size).fill(0);
  for (const i of index) c[i]++;
  return c;
}
