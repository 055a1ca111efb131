// `snn run NETWORK`: compile a document and simulate it on the GPU (Dawn) or the CPU engine; write the
// `snn-run` v1 JSON (docs/cli.md) to --out (atomically, records streamed to disk) or stdout; progress on stderr.
import { existsSync, mkdirSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocumentText, formatDiagnostic, type NetworkDocument } from '../../shared/graph';
import { applyOverrides, buildProgram, CompileError, compileNetwork, describeProgram, parseOverride, type NetworkIR, type PropagationChoice, type RecordRequest, type ScheduleChoice } from '../../shared/compiler';
import { availableParallelism, loadavg } from 'node:os';
import { CpuEngine, createCpuEngine } from '../../shared/engine/cpu-engine';
import { spawnEngineThread } from '../engine-thread';
import { createGpuEngine } from '../../shared/engine/gpu-engine';
import { EngineError, type Engine } from '../../shared/engine/types';
import { CliError, EXIT, invalidInput, runtimeError, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, readTextFile, writeFileAtomic, writeFileAtomicWith, type CliIo } from '../io';
import { csvFileNames, MemoryRecords, SpooledRecords, type PopulationEntry } from '../run-records';
import { numberOption, seedOption } from '../options';
import { getNodeGpu, requestNodeDevice } from '../node-gpu';
import { enforceDiskBudget, enforceRunBudget, hostLimits, MEMORY_LIMIT_OPTION } from '../budget';
import type { Command } from './types';
import { createHash } from 'node:crypto';
import { matrixProblem, plasticProjections, plasticWeightsFile } from '../../shared/io/plastic-weights';
import { recordingsToNirData, writeNirData } from '../../shared/interop/nir';

export type BackendChoice = 'auto' | 'gpu' | 'cpu';

let sharedDevice: Promise<GPUDevice> | undefined;

/** `--propagation auto|csr|dense` (GPU spike propagation per projection, docs/engine.md). */
export function parsePropagation(value: unknown): PropagationChoice {
  const v = (value ?? 'auto') as string;
  if (!['auto', 'csr', 'dense'].includes(v)) throw usageError(`--propagation ${v}: must be auto, csr or dense`);
  return v as PropagationChoice;
}

/** `--schedule auto|separate|fused|single` (GPU kernel launch schedule, docs/engine.md). */
export function parseSchedule(value: unknown): ScheduleChoice {
  const v = (value ?? 'auto') as string;
  if (!['auto', 'separate', 'fused', 'single'].includes(v)) throw usageError(`--schedule ${v}: must be auto, separate, fused or single`);
  return v as ScheduleChoice;
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
export async function makeEngine(ir: NetworkIR, backend: BackendChoice, io: CliIo, gpu: { propagation?: PropagationChoice; schedule?: ScheduleChoice } = {}, threads: ThreadsChoice = 1): Promise<{ engine: Engine; adapter: string }> {
  if (backend !== 'cpu') {
    const g = await getNodeGpu();
    if (g.ok) {
      // Dawn gives one device per adapter: share it within the process (tests, bench run several networks).
      sharedDevice ??= requestNodeDevice(g.value.adapter, 'snn');
      const device = await sharedDevice;
      const engine = await createGpuEngine(device, ir, { adapter: g.value.description, propagation: gpu.propagation, schedule: gpu.schedule });
      return { engine, adapter: g.value.description };
    }
    if (backend === 'gpu') throw runtimeError(`--backend gpu: ${g.reason}`);
    io.stderr(`snn: no WebGPU adapter (${g.reason}); using the CPU engine\n`);
  }
  return { engine: cpuEngine(ir, threads), adapter: 'cpu' };
}

/** --threads of the CPU engine: 1, 2 or auto (docs/engine.md, "CPU engine on two threads"). */
export type ThreadsChoice = 1 | 2 | 'auto';

export function parseThreads(value: unknown): ThreadsChoice {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === '1' || value === '2') return Number(value) as 1 | 2;
  throw usageError(`--threads ${String(value)}: must be 1, 2 or auto`);
}

/** The CPU engine on `threads` threads, the second one a Node worker thread (../engine-thread.ts). */
export function cpuEngine(ir: NetworkIR, threads: ThreadsChoice): CpuEngine {
  // Idle cores for 'auto': the one-minute load average counts this process's own thread too (0 where the OS has none).
  return createCpuEngine(ir, { threads, spawn: spawnEngineThread, idleCores: availableParallelism() - loadavg()[0] });
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

export const run: Command = {
  name: 'run',
  summary: 'simulate a network on the GPU (or CPU) and write spikes and traces as JSON (or CSV files with --format csv)',
  usage: 'snn run NETWORK.snn.json [--duration MS] [--dt MS] [--seed N] [--backend auto|gpu|cpu] [--set NODE.PARAM=VALUE]... [--record POP.VAR[:I,J]]... [--out FILE] [--format json|csv] [--dump-wgsl DIR] [--propagation auto|csr|dense] [--schedule auto|separate|fused|single] [--threads 1|2|auto] [--memory-limit SIZE] [--weights-out WEIGHTS.json] [--nir-data FILE.nir]',
  options: {
    duration: { type: 'string', description: 'simulated time in ms (default: the document\'s)' },
    dt: { type: 'string', description: 'time step in ms (default: the document\'s)' },
    seed: { type: 'string', description: 'random seed (default: the document\'s)' },
    backend: { type: 'string', description: 'auto (GPU when an adapter exists), gpu or cpu' },
    set: { type: 'string', multiple: true, description: 'override a parameter: NODE.PARAM=VALUE (also NODE.size)' },
    record: { type: 'string', multiple: true, description: 'record a state variable: POP.VAR or POP.VAR:I,J,...' },
    out: { type: 'string', description: 'write the JSON result here (whole or not at all) instead of stdout (- is stdout); with --format csv, the folder for the CSV files' },
    format: { type: 'string', description: 'json (default: one snn-run JSON) or csv (--out names a folder: spikes.csv and one CSV per monitor)' },
    ...FOLLOW_LINKS_OPTION,
    'dump-wgsl': { type: 'string', description: 'write the generated WGSL kernels and program.json into this folder' },
    'weights-out': { type: 'string', description: 'write the final weights of the plastic (STDP) projections as a weights file (snn-weights, [pre][post])' },
    'nir-data': { type: 'string', description: 'also write the spikes and traces as NIR graph data (HDF5, what nir.read_data loads; times in seconds)' },
    propagation: { type: 'string', description: 'GPU spike propagation: auto (per projection: dense matrix–vector or event-driven CSR), csr or dense' },
    schedule: { type: 'string', description: 'GPU kernel launches: auto (one workgroup per chunk for small networks, else one dispatch per kernel), separate, fused (one dispatch per phase) or single' },
    threads: { type: 'string', description: 'CPU engine threads: 1, 2 or auto (default: two for networks of 40,000 neurons or more where a core is idle)' },
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
    const schedule = parseSchedule(values.schedule);
    const threads = parseThreads(values.threads);
    hostLimits(values['memory-limit']); // a malformed --memory-limit is a usage error before any work
    const followLinks = values['follow-links'] === true;
    const network = { option: 'network', path: positionals[0] };
    const out = typeof values.out === 'string' && values.out !== STDOUT ? values.out : undefined;
    const format = (values.format ?? 'json') as string;
    if (!['json', 'csv'].includes(format)) throw usageError(`--format ${format}: must be json or csv`);
    const csv = format === 'csv';
    if (csv && !out) throw usageError('--format csv writes files into a folder: give it with --out DIR');
    // With --format csv, --out is a folder; spikes.csv is known now, the monitors' files after compiling.
    const outFile = out && csv ? join(out, 'spikes.csv') : out;
    if (values['weights-out'] === STDOUT) throw usageError('--weights-out -: give a file (stdout carries the run JSON)');
    const weightsOut = typeof values['weights-out'] === 'string' ? [{ option: '--weights-out', path: values['weights-out'] }] : [];
    if (values['nir-data'] === STDOUT) throw usageError('--nir-data -: give a file (stdout carries the run JSON)');
    const nirData = typeof values['nir-data'] === 'string' ? [{ option: '--nir-data', path: values['nir-data'] }] : [];
    const extraOuts = [...weightsOut, ...nirData];
    checkOutputs(io, [network], [...(outFile ? [{ option: '--out', path: outFile }] : []), ...extraOuts], followLinks);
    const doc = loadNetwork(io, positionals[0]);
    let engine: Engine | undefined;
    let records: MemoryRecords | undefined;
    try {
      const overrides = ((values.set as string[] | undefined) ?? []).map(parseOverride);
      const record = ((values.record as string[] | undefined) ?? []).map(parseRecord);
      // The budget before anything is compiled or allocated (docs/cli.md, "Limits").
      const gpu = backend === 'cpu' ? undefined : await getNodeGpu();
      const limits = hostLimits(values['memory-limit'], gpu?.ok ? gpu.value.adapter.limits : undefined);
      // With --out FILE the records stream to disk (bounded by its free space); on stdout they are held in memory.
      const runDoc = applyOverrides(doc, overrides), budgetOpts = { dtMs: dt, durationMs: duration, record };
      // --nir-data holds every record in memory at the end: the HDF5 file is built in memory (h5wasm).
      enforceRunBudget(positionals[0], runDoc, { ...budgetOpts, keepRecords: !out || nirData.length > 0 }, limits);
      if (outFile) {
        const dir = dirname(resolve(io.cwd, outFile));
        enforceDiskBudget(positionals[0], runDoc, budgetOpts, csv && !existsSync(dir) ? dirname(dir) : dir);
      }
      const ir = compileNetwork(doc, { seed, dtMs: dt, durationMs: duration, overrides, record });
      // --weights-out: checked before the run, so a network with nothing to write costs no simulation.
      const plastic = plasticProjections(ir);
      if (weightsOut.length) {
        if (!plastic.length) throw invalidInput(`${positionals[0]}: --weights-out: no projection has a plasticity rule, so the run changes no weights`);
        for (const p of plastic) { const why = matrixProblem(p); if (why) throw invalidInput(`${positionals[0]}: --weights-out: ${why}`); }
      }
      const steps = Math.max(1, Math.round(ir.durationMs / ir.dtMs));
      const dumpDir = values['dump-wgsl'] as string | undefined;
      const made = await makeEngine(ir, backend as BackendChoice, io, { propagation, schedule }, threads);
      engine = made.engine;
      const adapter = made.adapter;
      if (dumpDir) {
        // Without a GPU: the separate kernels, or the schedule asked for at WebGPU's minimum limits.
        const program = 'program' in engine ? (engine as { program: ReturnType<typeof buildProgram> }).program
          : buildProgram(ir, { chunkSteps: 1000, propagation, schedule: values.schedule === undefined ? 'separate' : schedule });
        const dir = resolve(io.cwd, dumpDir);
        const files = [...program.kernels.map((k) => ({ name: `${k.name}.wgsl`, text: k.code })), { name: 'program.json', text: JSON.stringify(describeProgram(program), null, 2) + '\n' }];
        checkOutputs(io, [network], [...(outFile ? [{ option: '--out', path: outFile }] : []), ...extraOuts, ...files.map((f) => ({ option: '--dump-wgsl', path: join(dir, f.name) }))], followLinks);
        for (const f of files) writeFileAtomic(join(dir, f.name), f.text, { followLinks, option: '--dump-wgsl' });
        io.stderr(`snn run: wrote ${program.kernels.length} kernels to ${dumpDir}\n`);
      }
      const onThreads = engine instanceof CpuEngine && engine.threads > 1 ? `, ${engine.threads} threads` : '';
      io.stderr(`snn run: "${ir.name}" on the ${engine.backend.toUpperCase()} backend (${adapter}${onThreads}), ${steps} steps of ${ir.dtMs} ms\n`);
      // Records go to files beside --out while the run goes, or stay in memory for stdout (docs/cli.md, "Limits").
      const spiking = ir.populations.filter((p) => p.spiking).map((p) => p.id);
      if (csv) mkdirSync(resolve(io.cwd, out!), { recursive: true });
      records = outFile ? new SpooledRecords(ir.dtMs, spiking, resolve(io.cwd, outFile)) : new MemoryRecords(ir.dtMs, spiking);
      const rec = records;
      let lastPct = -1;
      const summary = await engine.run({
        steps,
        onChunk: (c) => {
          rec.add(c);
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
      const pops: PopulationEntry[] = [];
      for (const p of ir.populations) {
        const spikeCount = !p.spiking ? [] : engine.spikeCounts ? await engine.spikeCounts(p.id) : rec.counts(p.id, p.size);
        pops.push({ id: p.id, size: p.size, spiking: p.spiking, spikeCount });
      }
      // The plastic projections' weights after the last step, in synapse order (read before the engine is freed).
      const finals = weightsOut.length ? await Promise.all(plastic.map((p) => engine!.readWeights(p.id))) : [];
      const head = {
        format: 'snn-run', version: 1, network: ir.name, backend: engine.backend, adapter, seed: ir.seed,
        dt_ms: ir.dtMs, duration_ms: ir.durationMs, steps: summary.stepsRun, wall_ms: Math.round(summary.wallMs * 10) / 10,
        dropped_spikes: summary.droppedSpikes,
      };
      engine.dispose();
      if (csv) {
        const monitors = rec.monitors(), names = csvFileNames(monitors.map((m) => m.key));
        const files = [{ option: '--out', path: outFile! }, ...names.map((n) => ({ option: '--out', path: join(out!, n) })), ...extraOuts];
        checkOutputs(io, [network], files, followLinks);
        writeFileAtomicWith(resolve(io.cwd, outFile!), (fd) => rec.spikesCsv((t) => { writeSync(fd, t); }, pops), { followLinks, option: '--out' });
        monitors.forEach((m, i) => writeFileAtomicWith(resolve(io.cwd, out!, names[i]), (fd) => rec.traceCsv((t) => { writeSync(fd, t); }, m.key), { followLinks, option: '--out' }));
        io.stderr(`snn run: wrote spikes.csv${names.map((n) => `, ${n}`).join('')} to ${out}\n`);
      } else if (out) {
        writeFileAtomicWith(resolve(io.cwd, out), (fd) => rec.write((t) => { writeSync(fd, t); }, head, pops), { followLinks, option: '--out' });
        io.stderr(`snn run: wrote ${out}\n`);
      } else {
        const parts: string[] = [];
        rec.write((t) => { parts.push(t); }, head, pops);
        let text: string;
        try {
          text = parts.join('');
        } catch (e) {
          // More records than the budget's estimate (docs/cli.md, "Limits"): one text is capped by V8's string length.
          if (e instanceof RangeError) throw runtimeError(`the result is too large for one JSON text on stdout (${e.message}); write it to a file with --out, or record less`);
          throw e;
        }
        io.stdout(text);
      }
      if (nirData.length) {
        let bytes: Uint8Array;
        try {
          bytes = await writeNirData(recordingsToNirData(rec.recordings(pops, summary.stepsRun * ir.dtMs)));
        } catch (e) {
          throw runtimeError(`--nir-data ${nirData[0].path}: ${e instanceof Error ? e.message : String(e)}${out ? ` (${out} is written)` : ''}`);
        }
        writeFileAtomicWith(resolve(io.cwd, nirData[0].path), (fd) => { writeSync(fd, bytes); }, { followLinks, option: '--nir-data' });
        io.stderr(`snn run: wrote the spikes and traces as NIR graph data to ${nirData[0].path}\n`);
      }
      if (weightsOut.length) {
        const sha256 = createHash('sha256').update(readTextFile(io, positionals[0], 'network document').text).digest('hex');
        const file = plasticWeightsFile(runDoc, ir, finals, sha256);
        writeFileAtomic(resolve(io.cwd, weightsOut[0].path), `${JSON.stringify(file)}\n`, { followLinks, option: '--weights-out' });
        io.stderr(`snn run: wrote the final weights of ${plastic.map((p) => p.id).join(', ')} to ${weightsOut[0].path}\n`);
      }
      return EXIT.ok;
    } catch (e) {
      // Free the engine's buffers before the error reaches the process exit (docs/engine.md, divergence).
      engine?.dispose();
      throw toCliError(e);
    } finally {
      records?.dispose();
    }
  },
};
