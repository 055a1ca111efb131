// The records of `snn run` (spike trains and traces, docs/cli.md "snn run") and the `snn-run` JSON made from
// them. Two homes for the records, one JSON: in memory (stdout, small runs), or spooled to files beside the
// --out target while the run goes (docs/cli.md "Limits": long runs stream to disk instead of being held), then
// written into the output as one pass — the same bytes either way (tested). Spool files use the temp-file
// names of src/shared/io/temp-files.ts, so a killed run's leftovers are removed by the next write to the target.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { RunChunk } from '../shared/engine/types';
import { tempNameFor } from '../shared/io/temp-files';

/** Spike time in ms of a step, rounded as the JSON has always written it. */
export const msOf = (step: number, dt: number) => Math.round(step * dt * 1e6) / 1e6;

/** What the JSON's `populations` entry of one population needs besides the records. */
export interface PopulationEntry { id: string; size: number; spiking: boolean; spikeCount: ArrayLike<number> }

interface TraceMeta { key: string; pop: string; variable: string; index: number[]; firstStep: number; steps: number }

/** Text of a number as JSON.stringify writes it inside an array. */
const num = (x: number) => (Number.isFinite(x) ? String(x) : 'null');

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

  override dispose(): void {
    for (const o of this.spk.values()) { closeSync(o.index); closeSync(o.time); }
    for (const f of this.tr.values()) closeSync(f.fd);
    this.spk.clear(); this.tr.clear();
    for (const p of this.files) rmSync(p, { force: true });
    this.files = [];
  }
}
