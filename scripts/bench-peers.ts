// `npm run bench:peers [-- --duration-ms 1000] [--epochs 3] [--gpu] [--skip coba|training]`: the same work in
// SNN Studio and in the tools people would pick instead, back to back in one run on this machine, each figure
// with its ratio (docs/benchmarks.md, "Side by side"). Peers run with Debian's interpreter /usr/bin/python3:
// Brian2 (numpy and cython targets) for COBA 4,000 and the tutorial's PyTorch code for training. A peer that is
// not installed is named with the package that provides it, and SNN Studio is still timed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cobaDocument } from '../bench/engine/coba';
import { measure } from '../bench/engine/measure';
import { createCpuEngine } from '../src/shared/engine/cpu-engine';
import { createGpuEngine } from '../src/shared/engine/gpu-engine';
import { getNodeGpu, requestNodeDevice } from '../src/cli/node-gpu';
import { parsePeerOutput, table, type BrianResult, type Row, type TorchResult } from './bench-peers-report';

const PY = '/usr/bin/python3';
const { values } = parseArgs({ options: {
  'duration-ms': { type: 'string', default: '1000' }, epochs: { type: 'string', default: '3' },
  gpu: { type: 'boolean', default: false }, skip: { type: 'string', default: '' },
} });
const durationMs = Number(values['duration-ms']), epochs = Number(values.epochs);
if (!(durationMs > 0) || !Number.isInteger(epochs) || epochs < 1) throw new Error('--duration-ms > 0 and --epochs ≥ 1 (an integer)');
const skip = new Set(values.skip!.split(',').filter(Boolean));

/** Whether Debian's python3 imports a module: the peer is installed, or the reason it is not. */
function pyHas(module: string, pkg: string): string | null {
  const r = spawnSync(PY, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (r.error) return `${PY} not found (apt-get install python3 ${pkg})`;
  return r.status === 0 ? null : `not installed (apt-get install ${pkg})`;
}

function runPy(args: string[]): string {
  const r = spawnSync(PY, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${PY} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

const rows: Row[] = [];
const notes: string[] = [];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; node ${process.version}`);

if (!skip.has('coba')) {
  const steps = Math.round(durationMs / 0.1);
  const doc = cobaDocument(4000, durationMs);
  const cpu = await measure(doc, steps, async (ir) => createCpuEngine(ir));
  console.error(`SNN Studio CPU engine: ${cpu.wallS.toFixed(2)} s (CPU time ${cpu.cpuS.toFixed(2)} s), ${cpu.firingHz.toFixed(1)} Hz mean`);
  const ours = { work: `COBA 4,000, ${durationMs} ms (run loop after warm-up)`, ours: `CPU engine (${cpu.firingHz.toFixed(1)} Hz)`, oursS: cpu.wallS };
  const why = pyHas('brian2', 'python3-brian');
  if (why) { rows.push({ ...ours, peer: 'Brian2', peerS: null, note: why }); notes.push(`Brian2: ${why}`); }
  for (const target of why ? [] : ['numpy', 'cython']) {
    const b = parsePeerOutput<BrianResult>(runPy(['bench/peers/coba_brian2.py', '--target', target, '--duration-ms', String(durationMs)]),
      'brian2', ['run_s', 'build_s', 'rate_hz']);
    console.error(`Brian2 ${target}: run ${b.run_s.toFixed(2)} s (CPU time ${b.cpu_s?.toFixed(2) ?? '?'} s) after ${b.build_s.toFixed(1)} s build; exc ${b.rate_hz.exc.toFixed(1)} Hz, inh ${b.rate_hz.inh.toFixed(1)} Hz`);
    rows.push({ ...ours, peer: `Brian2 ${target}`, peerS: b.run_s, note: `build ${b.build_s.toFixed(1)} s, exc ${b.rate_hz.exc.toFixed(1)} Hz` });
  }
  if (values.gpu) {
    const g = await getNodeGpu();
    if (!g.ok) notes.push(`GPU engine: ${g.reason}`);
    else {
      const device = await requestNodeDevice(g.value.adapter, 'bench-peers');
      const gpu = await measure(doc, steps, (ir) => createGpuEngine(device, ir, { adapter: g.value.description }));
      rows.push({ work: ours.work, ours: `GPU engine on ${g.value.description}`, oursS: gpu.wallS, peer: 'SNN Studio CPU engine', peerS: cpu.wallS });
    }
  }
}

if (!skip.has('training')) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-peers-'));
  try {
    const metrics = join(dir, 'metrics.jsonl');
    const r = spawnSync(process.execPath, ['bin/snn.mjs', 'train', 'resources/examples/sound-localisation.snn.json', '--backend', 'cpu',
      '--epochs', String(epochs), '--metrics', metrics, '--out', join(dir, 'weights.json')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`snn train exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const lines = readFileSync(metrics, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; wall_ms: number; test_accuracy?: number });
    const result = lines.find((l) => l.type === 'result')!;
    const last = lines.filter((l) => l.type === 'epoch').at(-1);
    const oursS = result.wall_ms / 1000;
    console.error(`SNN Studio CPU trainer: ${oursS.toFixed(1)} s for ${epochs} epochs, test ${((last?.test_accuracy ?? NaN) * 100).toFixed(1)} %`);
    const work = `tutorial training, ${epochs} epochs (train + test each epoch)`;
    const ours = `CPU trainer (test ${((last?.test_accuracy ?? NaN) * 100).toFixed(1)} %)`;
    const why = pyHas('torch', 'python3-torch');
    if (why) { rows.push({ work, ours, oursS, peer: 'PyTorch', peerS: null, note: why }); notes.push(`PyTorch: ${why}`); }
    else {
      const t = parsePeerOutput<TorchResult>(runPy(['bench/peers/tutorial_torch.py', '--epochs', String(epochs)]), 'pytorch', ['train_s', 'test_accuracy']);
      rows.push({ work, ours, oursS, peer: `PyTorch ${t.torch}`, peerS: t.train_s, note: `${t.threads} thread(s), test ${(t.test_accuracy * 100).toFixed(1)} %` });
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

console.log(table(rows));
for (const n of notes) console.log(`missing: ${n}`);
process.exit(0);
