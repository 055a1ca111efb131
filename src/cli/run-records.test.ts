// `snn run`'s records: spooled to files beside --out (long runs stream to disk) or held in memory (stdout),
// the same JSON either way and the same as JSON.stringify of the records (the independent reference); the spool
// files are gone afterwards, also when the run fails.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunChunk } from '../shared/engine/types';
import { main } from './main';
import type { CliIo } from './io';
import { csvFileNames, MemoryRecords, msOf, SpooledRecords, type PopulationEntry } from './run-records';

const root = new URL('../../', import.meta.url).pathname;

/** Chunks of a made-up run: 2 spiking populations, 3 traces (two of the same variable), uneven chunk lengths. */
function chunks(): RunChunk[] {
  const out: RunChunk[] = [];
  let step = 0;
  for (const k of [7, 13, 1, 9]) {
    const spikes: RunChunk['spikes'] = {
      a: { index: Uint32Array.from([0, 2, 2].slice(0, k % 4)), step: Uint32Array.from([step, step, step + k - 1].slice(0, k % 4)) },
      b: { index: Uint32Array.from(k > 5 ? [1] : []), step: Uint32Array.from(k > 5 ? [step + 3] : []) },
    };
    const trace = (indices: number[], f: (r: number, s: number) => number) => {
      const values = new Float32Array(indices.length * k);
      indices.forEach((_, r) => { for (let s = 0; s < k; s++) values[r * k + s] = f(r, step + s); });
      return { indices: Uint32Array.from(indices), values };
    };
    out.push({
      stepStart: step, stepEnd: step + k, spikes,
      traces: {
        m1: { population: 'a', variable: 'v', ...trace([0, 2], (r, s) => Math.fround(Math.sin(s + r) / 3)) },
        m2: { population: 'a', variable: 'w', ...trace([1], (r, s) => s * 0.1) },
        'a.v': { population: 'a', variable: 'v', ...trace([1], (r, s) => -s) },
        m3: { population: 'c', variable: 'v', ...trace([], () => 0) },
      },
    });
    step += k;
  }
  return out;
}

/** The JSON as `snn run` built it before records were spooled: whole arrays, then JSON.stringify. */
function reference(cs: RunChunk[], dt: number, head: Record<string, unknown>, pops: PopulationEntry[]): string {
  const spikes = new Map<string, { index: number[]; time: number[] }>(), traces = new Map<string, { pop: string; variable: string; index: number[]; time: number[]; values: number[][] }>();
  for (const p of pops) if (p.spiking) spikes.set(p.id, { index: [], time: [] });
  for (const c of cs) {
    for (const [id, s] of Object.entries(c.spikes)) for (let i = 0; i < s.index.length; i++) { spikes.get(id)!.index.push(s.index[i]); spikes.get(id)!.time.push(msOf(s.step[i], dt)); }
    const k = c.stepEnd - c.stepStart;
    for (const [key, t] of Object.entries(c.traces)) {
      let o = traces.get(key);
      if (!o) { o = { pop: t.population, variable: t.variable, index: Array.from(t.indices), time: [], values: Array.from(t.indices, () => []) }; traces.set(key, o); }
      for (let s = 0; s < k; s++) o.time.push(msOf(c.stepStart + s, dt));
      for (let r = 0; r < t.indices.length; r++) for (let s = 0; s < k; s++) o.values[r].push(t.values[r * k + s]);
    }
  }
  const populations: Record<string, unknown> = {};
  for (const p of pops) {
    const e: Record<string, unknown> = { size: p.size, spike_count: p.spiking ? Array.from(p.spikeCount) : new Array(p.size).fill(0) };
    e.spikes = p.spiking ? { index: spikes.get(p.id)!.index, time_ms: spikes.get(p.id)!.time } : { index: [], time_ms: [] };
    const tr = [...traces.values()].filter((t) => t.pop === p.id);
    if (tr.length) e.traces = Object.fromEntries(tr.reverse().map((t) => [t.variable, { index: t.index, time_ms: t.time, values: t.values }]));
    populations[p.id] = e;
  }
  return JSON.stringify({ ...head, populations }) + '\n';
}

describe('snn run records', () => {
  const dt = 0.1, head = { format: 'snn-run', version: 1, network: 'x', steps: 30, dropped_spikes: 0 };
  const pops: PopulationEntry[] = [
    { id: 'a', size: 3, spiking: true, spikeCount: [2, 0, 4] },
    { id: 'b', size: 2, spiking: true, spikeCount: [0, 3] },
    { id: 'c', size: 4, spiking: false, spikeCount: [] },
  ];

  it('in memory and spooled to disk give JSON.stringify of the records, byte for byte; the spool is removed', () => {
    const want = reference(chunks(), dt, head, pops);
    const mem = new MemoryRecords(dt, ['a', 'b']);
    for (const c of chunks()) mem.add(c);
    let a = '';
    mem.write((t) => { a += t; }, head, pops);
    expect(a).toBe(want);

    const dir = mkdtempSync(join(tmpdir(), 'snn-spool-'));
    const spooled = new SpooledRecords(dt, ['a', 'b'], join(dir, 'out.json'));
    for (const c of chunks()) spooled.add(c);
    expect(readdirSync(dir).length, 'spool files beside the target while the run goes').toBeGreaterThan(0);
    let b = '';
    spooled.write((t) => { b += t; }, head, pops);
    expect(b).toBe(want);
    expect(spooled.counts('a', 3)).toEqual(mem.counts('a', 3));
    spooled.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the CLI writes the same result to --out (streamed) as to stdout (held), across chunks, and leaves no spool files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-run-stream-'));
    const run = async (...args: string[]) => {
      let out = '', err = '';
      const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, cwd: root };
      const code = await main(['run', join(root, 'resources/examples/coincidence-detection.snn.json'), '--backend', 'cpu', '--duration', '250',
        '--record', 'detectors.v:0,3,7', '--record', 'detectors.v:1', ...args], io);
      return { code, out, err };
    };
    const held = await run();
    expect(held.code).toBe(0);
    const streamed = await run('--out', join(dir, 'r.json'));
    expect(streamed.code, streamed.err).toBe(0);
    const noWall = (t: string) => t.replace(/"wall_ms":[0-9.e+-]+/, '"wall_ms":0');
    const text = readFileSync(join(dir, 'r.json'), 'utf8');
    expect(noWall(text)).toBe(noWall(held.out));
    const j = JSON.parse(text);
    expect(j.steps).toBe(2500);
    expect(j.populations.detectors.traces.v.values[0]).toHaveLength(2500);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('CSV: spikes and each monitor, the same in memory and spooled, equal to rows built from the chunks', () => {
    // Reference built directly from the chunks: one row per spike, one row per step of each monitor.
    const spikeRows = ['population,neuron,time_ms'];
    for (const id of ['a', 'b']) for (const c of chunks()) { const s = c.spikes[id]; for (let i = 0; i < s.index.length; i++) spikeRows.push(`${id},${s.index[i]},${msOf(s.step[i], dt)}`); }
    const traceRows = (key: string) => {
      const first = chunks()[0].traces[key];
      const rows = [['time_ms', ...Array.from(first.indices, (i) => `${first.variable}[${i}]`)].join(',')];
      for (const c of chunks()) {
        const t = c.traces[key], k = c.stepEnd - c.stepStart;
        for (let q = 0; q < k; q++) rows.push([msOf(c.stepStart + q, dt), ...Array.from(t.indices, (_, r) => t.values[r * k + q])].join(','));
      }
      return rows.join('\n') + '\n';
    };
    const dir = mkdtempSync(join(tmpdir(), 'snn-spool-csv-'));
    // A tiny read size is not configurable; many spikes make the spooled token pairing cross read boundaries.
    for (const recs of [new MemoryRecords(dt, ['a', 'b']), new SpooledRecords(dt, ['a', 'b'], join(dir, 'spikes.csv'))]) {
      for (const c of chunks()) recs.add(c);
      let s = '';
      recs.spikesCsv((t) => { s += t; }, pops);
      expect(s).toBe(spikeRows.join('\n') + '\n');
      expect(recs.monitors().map((m) => m.key)).toEqual(['m1', 'm2', 'a.v', 'm3']);
      for (const key of ['m1', 'm2', 'a.v', 'm3']) {
        let t = '';
        recs.traceCsv((x) => { t += x; }, key);
        expect(t, key).toBe(traceRows(key));
      }
      recs.dispose();
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(csvFileNames(['m1', 'a.v', 'a/v', 'a?v'])).toEqual(['m1.trace.csv', 'a.v.trace.csv', 'a_v.trace.csv', 'a_v-2.trace.csv']);
  });

  it('spooled spike CSV pairs index and time correctly across 1 MiB read boundaries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-spool-big-'));
    const n = 300_000, recs = new SpooledRecords(1, ['a'], join(dir, 'spikes.csv'));
    // index i at step 7*i: index and time texts have different lengths, so their reads split at different tokens.
    recs.add({ stepStart: 0, stepEnd: 7 * n, spikes: { a: { index: Uint32Array.from({ length: n }, (_, i) => i), step: Uint32Array.from({ length: n }, (_, i) => 7 * i) } }, traces: {} });
    let s = '';
    recs.spikesCsv((t) => { s += t; }, [{ id: 'a', size: n, spiking: true, spikeCount: [] }]);
    recs.dispose();
    const lines = s.trimEnd().split('\n');
    expect(lines).toHaveLength(n + 1);
    for (let i = 0; i < n; i += 9973) expect(lines[i + 1]).toBe(`a,${i},${7 * i}`);
    expect(lines[n]).toBe(`a,${n - 1},${7 * (n - 1)}`);
  });

  it('snn run --format csv writes spikes.csv matching the JSON spikes, and one CSV per monitor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-run-csv-'));
    const run = async (...args: string[]) => {
      let out = '', err = '';
      const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, cwd: root };
      const code = await main(['run', join(root, 'resources/examples/coincidence-detection.snn.json'), '--backend', 'cpu', '--duration', '100',
        '--record', 'detectors.v:0,3', ...args], io);
      return { code, out, err };
    };
    const json = await run();
    expect(json.code).toBe(0);
    const j = JSON.parse(json.out);
    const r = await run('--format', 'csv', '--out', join(dir, 'rec'));
    expect(r.code, r.err).toBe(0);
    const files = readdirSync(join(dir, 'rec')).sort();
    expect(files).toContain('spikes.csv');
    const rows = readFileSync(join(dir, 'rec', 'spikes.csv'), 'utf8').trimEnd().split('\n');
    const want = ['population,neuron,time_ms'];
    for (const [id, p] of Object.entries(j.populations) as [string, { spikes: { index: number[]; time_ms: number[] } }][]) p.spikes.index.forEach((i, k) => want.push(`${id},${i},${p.spikes.time_ms[k]}`));
    expect(want.length).toBeGreaterThan(1);
    expect(rows).toEqual(want);
    const trace = files.find((f) => f.startsWith('detectors.v'))!;
    const tr = readFileSync(join(dir, 'rec', trace), 'utf8').trimEnd().split('\n');
    expect(tr[0]).toBe('time_ms,v[0],v[3]');
    expect(tr).toHaveLength(1 + j.populations.detectors.traces.v.time_ms.length);
    expect(tr[1]).toBe([j.populations.detectors.traces.v.time_ms[0], j.populations.detectors.traces.v.values[0][0], j.populations.detectors.traces.v.values[1][0]].join(','));
    expect(await run('--format', 'csv').then((x) => x.code), 'csv needs --out').toBe(2);
    expect(await run('--format', 'xml', '--out', join(dir, 'x')).then((x) => x.code)).toBe(2);
    // The verb list and run's --help name both outputs, not JSON alone.
    let help = '';
    const helpIo: CliIo = { stdout: (t) => { help += t; }, stderr: (t) => { help += t; }, isTTY: false, cwd: root };
    expect(await main(['--help'], helpIo)).toBe(0);
    expect(help).toMatch(/run +simulate .* as JSON \(or CSV files with --format csv\)/);
    help = '';
    expect(await main(['run', '--help'], helpIo)).toBe(0);
    expect(help).toMatch(/--out .*with --format csv, the folder for the CSV files/);
  });
});
