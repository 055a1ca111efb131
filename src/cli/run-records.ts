// The records of `snn run` (spike trains and traces, docs/cli.md "snn run") and the `snn-run` JSON made from
// them. Two homes for the records, one JSON: in memory (stdout, small runs), or spooled to files beside the
// --out target while the run goes (docs/cli.md "Limits": long runs stream to disk instead of being held), then
// written into the output as one pass — the same bytes either way (tested). Spool files use the temp-file
// names of src/shared/io/temp-files.ts, so a killed run's leftovers are removed by the next write to the target.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { RunChunk } from '../shared/engine/types';
import type { Recordings } from '../shared/interop/nir';
import { tempNameFor } from '../shared/io/temp-files';

/** Spike time in ms of a step, rounded as the JSON has always written it. */
export const msOf = (step: number, dt: number) => Math.round(step * dt * 1e6) / 1e6;

/** What the JSON's `populations` entry of one population needs besides the records. */
export interface PopulationEntry { id: string; size: number; spiking: boolean; spikeCount: ArrayLike<number> }

interface TraceMeta { key: string; pop: string; variable: string; index: number[]; firstStep: number; steps: number }

/** Text of a number as JSON.stringify writes it inside an array. */
const num = (x: number) => (Number.isFinite(x) ? String(x) : 'null');

/**
 * File names of the monitors' CSVs with `snn run --format csv` (docs/cli.md): `<monitor>.trace.csv`, characters
 * outside [A-Za-z0-9._-] replaced by `_`, a `-2`, `-3`… suffix where two would collide.
 */
export function csvFileNames(keys: string[]): string[] {
  const seen = new Set<string>();
  return keys.map((k) => {
    const base = k.replace(/[^A-Za-z0-9._-]/g, '_');
    let name = `${base}.trace.csv`;
    for (let n = 2; seen.has(name); n++) name = `${base}-${n}.trace.csv`;
    seen.add(name);
    return name;
  });
}

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The comma-separated tokens of a spool file, in batches of whole tokens (a token may span two reads). */
function* tokens(fd: number): Generator<string[]> {
  const buf = Buffer.allocUnsafe(1 << 20);
  let rest = '';
  for (let at = 0; ; ) {
    const n = readSync(fd, buf, 0, buf.length, at);
    if (n === 0) { if (rest) yield [rest]; return; }
    at += n;
    const parts = (rest + buf.toString('latin1', 0, n)).split(',');
    rest = parts.pop()!;
    if (parts.length) yield parts;
  }
}

/** A sink for the JSON text: a string in memory, or a file descriptor written in pieces. */
type Sink = (text: string) => void;

/** Records kept in memory (stdout and tests): the JSON is produced by the same writer as the spooled form. */
export class MemoryRecords {
  protected spikes = new Map<string, { index: number[]; time: number[] }>();
  protected traces = new Map<string, TraceMeta & { rows: number[][] }>();
  constructor(protected dtMs: number, spiking: string[]) {
    for (const id of spiking) this.spikes.set(id, { index: [], time: [] });
  }

  add(c: RunChunk): void {
    for (const [id, s] of Object.entries(c.spikes)) {
      const o = this.spikes.get(id)!;
      for (let i = 0; i < s.index.length; i++) { o.index.push(s.index[i]); o.time.push(msOf(s.step[i], this.dtMs)); }
    }
    const k = c.stepEnd - c.stepStart;
    for (const [key, t] of Object.entries(c.traces)) {
      let o = this.traces.get(key);
      if (!o) { o = { key, pop: t.population, variable: t.variable, index: Array.from(t.indices), firstStep: c.stepStart, steps: 0, rows: Array.from(t.indices, () => []) }; this.traces.set(key, o); }
      o.steps = c.stepEnd - o.firstStep;
      for (let r = 0; r < t.indices.length; r++) for (let s = 0; s < k; s++) o.rows[r].push(t.values[r * k + s]);
    }
  }

  /** Spikes per neuron counted from the records (for engines without their own exact counts). */
  counts(id: string, size: number): number[] {
    const c = new Array(size).fill(0);
    for (const i of this.spikes.get(id)?.index ?? []) c[i]++;
    return c;
  }

  /** The `snn-run` JSON: `head` (format … dropped_spikes) then `populations`. */
  write(sink: Sink, head: Record<string, unknown>, pops: PopulationEntry[]): void {
    sink(JSON.stringify(head).slice(0, -1) + ',"populations":{');
    for (const [n, p] of pops.entries()) {
      sink(`${n ? ',' : ''}${JSON.stringify(p.id)}:{"size":${p.size},"spike_count":[`);
      if (p.spiking) this.numbers(sink, p.spikeCount);
      else sink(new Array(p.size).fill(0).join(','));
      sink('],"spikes":{"index":[');
      if (p.spiking) this.spikeIndex(sink, p.id);
      sink('],"time_ms":[');
      if (p.spiking) this.spikeTime(sink, p.id);
      sink(']}');
      // One trace per variable: the first monitor that records it (document monitors, then --record), in the
      // key order the JSON has always had (last monitor's variable first).
      const tr = [...this.traces.values()].filter((t) => t.pop === p.id).reverse();
      if (tr.length) {
        const byVar = new Map<string, TraceMeta>();
        for (const t of tr) byVar.set(t.variable, t);
        sink(',"traces":{');
        [...byVar.entries()].forEach(([variable, t], j) => {
          sink(`${j ? ',' : ''}${JSON.stringify(variable)}:{"index":${JSON.stringify(t.index)},"time_ms":[`);
          for (let s = 0; s < t.steps; s++) sink(`${s ? ',' : ''}${num(msOf(t.firstStep + s, this.dtMs))}`);
          sink('],"values":[');
          this.rows(sink, t);
          sink(']}');
        });
        sink('}');
      }
      sink('}');
    }
    sink('}}\n');
  }

  /** The monitors recorded, in the order they first reported (one CSV each with `--format csv`). */
  monitors(): { key: string; pop: string; variable: string; index: number[] }[] {
    return [...this.traces.values()].map(({ key, pop, variable, index }) => ({ key, pop, variable, index }));
  }

  /**
   * Every record in memory in the form NIR graph data is built from (`snn run --nir-data`, docs/formats.md "NIR
   * graph data"): the spikes of the spiking populations and each monitor's trace as [step][neuron].
   */
  recordings(pops: PopulationEntry[], durationMs: number): Recordings {
    const out: Recordings = { durationMs, spikes: [], traces: [] };
    for (const p of pops) {
      if (!p.spiking) continue;
      const index: number[] = [], timeMs: number[] = [];
      this.eachSpikes(p.id, (idx, time) => { for (let i = 0; i < idx.length; i++) { index.push(Number(idx[i])); timeMs.push(Number(time[i])); } });
      out.spikes.push({ population: p.id, size: p.size, index, timeMs });
    }
    for (const t of this.traces.values()) {
      // Samples are s·dt from the run's start (the JSON's `time_ms`); NIR's TimeGriddedData has no start time.
      if (t.firstStep !== 0) throw new Error(`trace ${t.key} starts at step ${t.firstStep}, not 0`);
      const R = t.index.length, values = new Float32Array(t.steps * R);
      let at = 0;
      this.eachTraceBlock(t, (k, v) => {
        for (let q = 0; q < k; q++, at++) for (let r = 0; r < R; r++) values[at * R + r] = v[r * k + q];
      });
      out.traces.push({ population: t.pop, variable: t.variable, index: t.index, steps: t.steps, dtMs: this.dtMs, values });
    }
    return out;
  }

  /** CSV of the spikes of the given populations: `population,neuron,time_ms`, one row per spike, run order per population. */
  spikesCsv(sink: Sink, pops: PopulationEntry[]): void {
    sink('population,neuron,time_ms\n');
    for (const p of pops) if (p.spiking) this.eachSpikes(p.id, (idx, time) => {
      let s = '';
      for (let i = 0; i < idx.length; i++) s += `${csvField(p.id)},${idx[i]},${time[i]}\n`;
      sink(s);
    });
  }

  /** CSV of one monitor: `time_ms,<var>[i]...`, one row per recorded step. */
  traceCsv(sink: Sink, key: string): void {
    const t = this.traces.get(key)!;
    sink(['time_ms', ...t.index.map((i) => csvField(`${t.variable}[${i}]`))].join(',') + '\n');
    let step = t.firstStep;
    this.eachTraceBlock(t, (k, v) => {
      let s = '';
      for (let q = 0; q < k; q++, step++) {
        s += num(msOf(step, this.dtMs));
        for (let r = 0; r < t.index.length; r++) s += ',' + num(v[r * k + q]);
        s += '\n';
      }
      sink(s);
    });
  }

  protected eachSpikes(id: string, fn: (index: string[], time: string[]) => void) {
    const o = this.spikes.get(id)!;
    const B = 65536;
    for (let i = 0; i < o.index.length; i += B) fn(o.index.slice(i, i + B).map(String), o.time.slice(i, i + B).map(num));
  }
  protected eachTraceBlock(t: TraceMeta, fn: (k: number, values: ArrayLike<number>) => void) {
    const rows = this.traces.get(t.key)!.rows, k = t.steps, v = new Float64Array(rows.length * k);
    rows.forEach((row, r) => { for (let q = 0; q < k; q++) v[r * k + q] = row[q]; });
    if (k) fn(k, v);
  }

  protected numbers(sink: Sink, a: ArrayLike<number>) {
    const B = 65536;
    for (let i = 0; i < a.length; i += B) {
      let s = '';
      for (let j = i; j < Math.min(a.length, i + B); j++) s += (j ? ',' : '') + num(a[j]);
      sink(s);
    }
  }
  protected spikeIndex(sink: Sink, id: string) { this.numbers(sink, this.spikes.get(id)!.index); }
  protected spikeTime(sink: Sink, id: string) { this.numbers(sink, this.spikes.get(id)!.time); }
  protected rows(sink: Sink, t: TraceMeta) {
    const rows = this.traces.get(t.key)!.rows;
    rows.forEach((row, r) => { sink(r ? ',[' : '['); this.numbers(sink, row); sink(']'); });
  }
  dispose(): void { /* nothing held outside memory */ }
}

/**
 * Records spooled to files while the run goes: per spiking population its indices and times as text (comma
 * separated, as the JSON will hold them), per trace its chunks as f32 blocks [neuron][step]. Memory stays one
 * chunk's worth whatever the run's length.
 */
export class SpooledRecords extends MemoryRecords {
  private files: string[] = [];
  private spk = new Map<string, { index: number; time: number; count: number; perNeuron: Map<number, number> }>();
  private tr = new Map<string, { fd: number; chunks: { at: number; k: number }[]; size: number }>();
  private readonly dir: string;
  private readonly base: string;

  constructor(dtMs: number, spiking: string[], target: string) {
    super(dtMs, []);
    this.dir = dirname(target); this.base = basename(target);
    for (const id of spiking) this.spk.set(id, { index: this.open(), time: this.open(), count: 0, perNeuron: new Map() });
  }

  private open(): number {
    const path = join(this.dir, tempNameFor(this.base, process.pid, randomBytes(6).toString('hex')));
    const fd = openSync(path, 'wx+', 0o600);
    this.files.push(path);
    return fd;
  }

  override add(c: RunChunk): void {
    for (const [id, s] of Object.entries(c.spikes)) {
      const o = this.spk.get(id)!;
      if (!s.index.length) continue;
      let a = '', b = '';
      for (let i = 0; i < s.index.length; i++) {
        const sep = o.count + i ? ',' : '';
        a += sep + s.index[i];
        o.perNeuron.set(s.index[i], (o.perNeuron.get(s.index[i]) ?? 0) + 1);
        b += sep + num(msOf(s.step[i], this.dtMs));
      }
      o.count += s.index.length;
      writeSync(o.index, a); writeSync(o.time, b);
    }
    const k = c.stepEnd - c.stepStart;
    for (const [key, t] of Object.entries(c.traces)) {
      let meta = this.traces.get(key);
      let f = this.tr.get(key);
      if (!meta || !f) {
        meta = { key, pop: t.population, variable: t.variable, index: Array.from(t.indices), firstStep: c.stepStart, steps: 0, rows: [] };
        this.traces.set(key, meta);
        f = { fd: this.open(), chunks: [], size: 0 };
        this.tr.set(key, f);
      }
      meta.steps = c.stepEnd - meta.firstStep;
      const bytes = new Uint8Array(t.values.buffer, t.values.byteOffset, 4 * t.indices.length * k);
      writeSync(f.fd, bytes, 0, bytes.length, f.size);
      f.chunks.push({ at: f.size, k });
      f.size += bytes.length;
    }
  }

  override counts(id: string, size: number): number[] {
    const c = new Array(size).fill(0);
    for (const [i, n] of this.spk.get(id)?.perNeuron ?? []) c[i] = n;
    return c;
  }

  protected override spikeIndex(sink: Sink, id: string) { this.copy(sink, this.spk.get(id)!.index); }
  protected override spikeTime(sink: Sink, id: string) { this.copy(sink, this.spk.get(id)!.time); }

  private copy(sink: Sink, fd: number) {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let at = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, at);
      if (n === 0) return;
      sink(buf.toString('latin1', 0, n));
      at += n;
    }
  }

  protected override rows(sink: Sink, t: TraceMeta) {
    const f = this.tr.get(t.key)!, R = t.index.length;
    const maxK = Math.max(0, ...f.chunks.map((c) => c.k));
    const buf = new Float32Array(maxK), bytes = new Uint8Array(buf.buffer);
    for (let r = 0; r < R; r++) {
      sink(r ? ',[' : '[');
      let first = true;
      for (const c of f.chunks) {
        readSync(f.fd, bytes, 0, 4 * c.k, c.at + 4 * r * c.k);
        let s = '';
        for (let q = 0; q < c.k; q++) { s += (first ? '' : ',') + num(buf[q]); first = false; }
        sink(s);
      }
      sink(']');
    }
  }

  protected override eachSpikes(id: string, fn: (index: string[], time: string[]) => void) {
    const o = this.spk.get(id)!;
    // The two files split into batches at different places: pair them up token by token.
    const a = tokens(o.index), b = tokens(o.time);
    let xs: string[] = [], ys: string[] = [];
    for (;;) {
      if (!xs.length) { const x = a.next(); if (x.done) return; xs = x.value; }
      if (!ys.length) { const y = b.next(); if (y.done) return; ys = y.value; }
      const n = Math.min(xs.length, ys.length);
      fn(xs.slice(0, n), ys.slice(0, n));
      xs = xs.slice(n); ys = ys.slice(n);
    }
  }

  protected override eachTraceBlock(t: TraceMeta, fn: (k: number, values: ArrayLike<number>) => void) {
    const f = this.tr.get(t.key)!, R = t.index.length;
    for (const c of f.chunks) {
      const buf = new Float32Array(R * c.k);
      readSync(f.fd, new Uint8Array(buf.buffer), 0, 4 * R * c.k, c.at);
      fn(c.k, buf);
    }
  }

  override dispose(): void {
    for (const o of this.spk.values()) { closeSync(o.index); closeSync(o.time); }
    for (const f of this.tr.values()) closeSync(f.fd);
    this.spk.clear(); this.tr.clear();
    for (const p of this.files) rmSync(p, { force: true });
    this.files = [];
  }
}
