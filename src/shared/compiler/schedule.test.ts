// The launch schedule's choices and layouts (no GPU; schedule.gpu.test.ts runs them against the CPU engine):
// 'auto' picks one workgroup per chunk for small networks and one dispatch per phase for large ones, stays
// separate with indirect launches, every fused kernel fits the storage-buffer limit (pooling when needed),
// pooled buffers sit at aligned, non-overlapping offsets, and the Program / describeProgram record the choice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import { buildProgram, compileNetwork, describeProgram, type Program } from '.';
import { MIN_LIMITS, PHASE, POOL_ALIGN, scheduleProgram, SINGLE_MAX_NEURONS, SINGLE_MAX_SYNAPSES, SINGLE_WG, singleWorkgroupSize } from './schedule';

function coba(exc = 3200, inh = 800, p = 0.02): NetworkDocument {
  const raw = JSON.parse(readFileSync(new URL('../../../resources/examples/coba.snn.json', import.meta.url), 'utf8'));
  for (const node of raw.nodes) node.size = node.id === 'exc' ? exc : node.id === 'inh' ? inh : node.size;
  for (const pj of raw.projections) pj.connectivity.p = p;
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

const LIMITS_12 = { ...MIN_LIMITS, maxStorageBuffersPerShaderStage: 12 };

/** Every kernel binds at most `max` buffers, each declared once, and names only buffers or pools of the Program. */
function expectBindable(p: Program, max: number) {
  const names = new Set([...p.buffers.filter((b) => !b.pool).map((b) => b.name), ...p.pools.map((q) => q.name)]);
  for (const k of p.kernels) {
    expect(k.bindings.length, k.name).toBeLessThanOrEqual(max);
    expect(new Set(k.bindings).size, k.name).toBe(k.bindings.length);
    for (const b of k.bindings) expect(names.has(b), `${k.name} binds ${b}`).toBe(true);
    expect([...k.code.matchAll(/@binding\((\d+)\)/g)].map((m) => Number(m[1])), k.name).toEqual(k.bindings.map((_, j) => j));
  }
}

describe('scheduleProgram', () => {
  const ir = compileNetwork(coba());
  const separate = buildProgram(ir, { chunkSteps: 100 });

  it('separate (buildProgram\'s default): one dispatch per kernel, 11 per COBA step', () => {
    expect(separate.schedule).toBe('separate');
    expect(separate.step).toHaveLength(11);
    expect(separate.step.every((d) => d.phase !== undefined)).toBe(true);
  });

  it('auto on COBA 4k: the whole chunk in one workgroup (one dispatch per chunk), pooled under 8 bindings', () => {
    const p = scheduleProgram(separate, ir, 'auto', MIN_LIMITS);
    expect(p.schedule).toBe('single');
    expect(p.scheduleReason).toMatch(/^auto: 4400 neurons/);
    expect(p.step).toEqual([{ kernel: 'single', workgroups: [1, 1] }]);
    expect(p.pools.length).toBeGreaterThan(0);
    expectBindable(p, 8);
    // Every separate kernel's body is in the single kernel, in phase order.
    const code = p.kernels[0].code;
    const order = separate.kernels.map((k) => code.indexOf(`// ${k.name}\n`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(code.indexOf('// end_step\n')).toBeGreaterThan(Math.max(...separate.kernels.filter((k) => k.name.startsWith('propagate_')).map((k) => code.indexOf(`// ${k.name}\n`))));
  });

  const big = compileNetwork(coba(16_000, 4_000, 0.0005));
  it('auto on a network above SINGLE_MAX_NEURONS: one dispatch per kernel (fused is only chosen when asked)', () => {
    expect(big.populations.reduce((a, q) => a + q.size, 0)).toBeGreaterThan(SINGLE_MAX_NEURONS);
    const p = scheduleProgram(buildProgram(big, { chunkSteps: 10 }), big, 'auto', LIMITS_12);
    expect(p.schedule).toBe('separate');
    expect(p.scheduleReason).toBe(`auto: 20400 neurons > ${SINGLE_MAX_NEURONS}, one dispatch per kernel`);
  });

  it('auto on a network within SINGLE_MAX_NEURONS but above SINGLE_MAX_SYNAPSES: one dispatch per kernel', () => {
    const dense = compileNetwork(coba(1600, 400, 0.6));
    const synapses = dense.projections.reduce((a, q) => a + q.post.length, 0);
    expect(synapses).toBeGreaterThan(SINGLE_MAX_SYNAPSES);
    const p = scheduleProgram(buildProgram(dense, { chunkSteps: 10 }), dense, 'auto', LIMITS_12);
    expect(p.schedule).toBe('separate');
    expect(p.scheduleReason).toBe(`auto: ${synapses} synapses > ${SINGLE_MAX_SYNAPSES}, one dispatch per kernel`);
  });

  it('fused on COBA: one dispatch per phase (3 per step), thread ranges side by side', () => {
    const p = scheduleProgram(buildProgram(big, { chunkSteps: 10 }), big, 'fused', LIMITS_12);
    expect(p.schedule).toBe('fused');
    expect(p.scheduleReason).toMatch(/^fused asked/);
    expect(p.step.map((d) => d.phase)).toEqual([PHASE.update, PHASE.propagate, PHASE.endStep]);
    // Thread ranges: the phase's kernels side by side, each rounded up to whole workgroups of 64.
    expect(p.step[0]).toMatchObject({ threads: 64 * (Math.ceil(400 / 64) + Math.ceil(16_000 / 64) + Math.ceil(4_000 / 64)) });
    expectBindable(p, 12);
  });

  it('forced fused on stdp: one dispatch per phase (update, propagate + record, depression + end_step, potentiation, traces)', () => {
    const s = compileNetwork(example('stdp'));
    const p = buildProgram(s, { chunkSteps: 10, schedule: 'fused', limits: { ...MIN_LIMITS, maxStorageBuffersPerShaderStage: 64 } });
    expect(p.schedule).toBe('fused');
    expect(p.pools).toEqual([]);
    expect(p.step.map((d) => d.phase)).toEqual([0, 1, 2, 3, 4]);
    expect(p.kernels[2].code).toContain('// stdp_pre_');
    expect(p.kernels[2].code).toContain('// end_step');
  });

  it('pools: aligned, non-overlapping offsets inside each pool; the same layout for every kernel', () => {
    const p = scheduleProgram(separate, ir, 'fused', MIN_LIMITS);
    expectBindable(p, 8);
    for (const pool of p.pools) {
      const members = p.buffers.filter((b) => b.pool === pool.name).sort((a, b) => a.offset! - b.offset!);
      expect(members.length).toBeGreaterThan(0);
      let end = 0;
      for (const b of members) {
        expect(b.offset! % POOL_ALIGN).toBe(0);
        expect(b.offset!).toBeGreaterThanOrEqual(end);
        end = b.offset! + b.bytes;
      }
      expect(end).toBeLessThanOrEqual(pool.bytes);
    }
    // ctrl and the spike buffers keep their own bindings (the 3D view binds spk_<pop>).
    expect(p.buffers.filter((b) => b.name === 'ctrl' || b.name.startsWith('spk_')).every((b) => !b.pool)).toBe(true);
  });

  it('the single workgroup: 256 threads, one subgroup on a fallback (CPU) adapter', () => {
    expect(singleWorkgroupSize({ isFallbackAdapter: false, subgroupMaxSize: 32 })).toBe(SINGLE_WG);
    expect(singleWorkgroupSize(undefined)).toBe(SINGLE_WG);
    expect(singleWorkgroupSize({ isFallbackAdapter: true, subgroupMaxSize: 4 })).toBe(4);
    expect(scheduleProgram(separate, ir, 'single', MIN_LIMITS).kernels[0].code).toContain(`@workgroup_size(${SINGLE_WG})`);
    const p = scheduleProgram(separate, ir, 'single', { ...MIN_LIMITS, singleWorkgroupSize: 4 });
    expect(p.kernels[0].code).toContain('@workgroup_size(4)');
    // Grid-stride kernels (the updates and propagations) keep a launch of one workgroup of 64, the others one
    // thread per item (STDP's depression: one per source neuron).
    expect(p.kernels[0].code).toMatch(/for \(var v = lid; v < 64u; v = v \+ 4u\) \{ k\d+_main\(vec3u\(v, 0u, 0u\), vec3u\(1u, 1u, 1u\)\); \}/);
    expect(p.kernels[0].code).not.toContain(`v < ${64 * Math.ceil(3200 / 64)}u`);
    const s = compileNetwork(example('stdp'));
    const ps = scheduleProgram(buildProgram(s, { chunkSteps: 10 }), s, 'single', { ...MIN_LIMITS, maxStorageBuffersPerShaderStage: 64, singleWorkgroupSize: 4 });
    expect(ps.kernels[0].code).toContain(`v < ${64 * Math.ceil(200 / 64)}u; v = v + 4u`);
  });

  it('generous limits: no pooling', () => {
    const p = scheduleProgram(separate, ir, 'single', { ...MIN_LIMITS, maxStorageBuffersPerShaderStage: 1000 });
    expect(p.pools).toEqual([]);
    expect(p.buffers).toBe(separate.buffers);
  });

  it('indirect propagate launches stay separate, and say so', () => {
    const ind = buildProgram(ir, { chunkSteps: 10, propagate: 'indirect' });
    const p = scheduleProgram(ind, ir, 'auto', LIMITS_12);
    expect(p.schedule).toBe('separate');
    expect(p.scheduleReason).toMatch(/indirect/);
    expect(p.step).toBe(ind.step);
  });

  it('pools too large for one binding: single and fused are refused, and the Program stays separate', () => {
    const tiny = { maxStorageBuffersPerShaderStage: 8, maxStorageBufferBindingSize: 1 << 20, maxBufferSize: 1 << 20 };
    for (const choice of ['auto', 'single', 'fused'] as const) {
      const p = scheduleProgram(separate, ir, choice, tiny);
      expect(p.schedule).toBe('separate');
      expect(p.scheduleReason).toMatch(/: merged buffer pool_\w+ needs \d+ bytes, over the device's 1048576 per binding; one dispatch per kernel$/);
    }
  });

  it('describeProgram records the schedule, its reason, the pools and where pooled buffers live', () => {
    const d = describeProgram(scheduleProgram(separate, ir, 'auto', MIN_LIMITS));
    expect(d.schedule).toBe('single');
    expect(d.scheduleReason).toMatch(/pooled/);
    expect(d.pools.length).toBeGreaterThan(0);
    expect(d.buffers.find((b) => b.name === 'S_exc')).toMatchObject({ pool: expect.stringMatching(/^pool_/), offset: expect.any(Number) });
  });
});
