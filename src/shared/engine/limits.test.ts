// checkLimits: the Program is checked against device limits before allocation, naming what to shrink.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph';
import { buildProgram, compileNetwork } from '../compiler';
import { checkLimits } from './gpu-engine';
import { EngineError } from './types';

const limits = (over: Partial<Record<string, number>>) => ({
  maxStorageBufferBindingSize: 1 << 30, maxBufferSize: 1 << 30, maxStorageBuffersPerShaderStage: 12, maxComputeWorkgroupsPerDimension: 65535, ...over,
}) as unknown as GPUSupportedLimits;

function ir(size: number, p = 0.5) {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'l' },
    nodes: [{ id: 'in', kind: 'input', model: 'poisson', size }, { id: 'pop', kind: 'population', model: 'lif', size }],
    projections: [{ id: 'syn', source: 'in', target: 'pop', connectivity: { rule: 'fixed_probability', p }, weight: { dist: 'constant', value: 0.1 } }] });
  if (!r.ok) throw new Error();
  return compileNetwork(r.doc);
}

const failure = (f: () => void) => { try { f(); } catch (e) { return e as EngineError; } throw new Error('no error'); };

describe('checkLimits', () => {
  it('a projection whose synapse arrays exceed the per-buffer limit names the projection and what to lower', () => {
    const net = ir(2000);
    const e = failure(() => checkLimits(buildProgram(net, { chunkSteps: 10 }), net, limits({ maxStorageBufferBindingSize: 1 << 20 })));
    expect(e).toBeInstanceOf(EngineError);
    expect(e.kind).toBe('limits');
    expect(e.message).toMatch(/buffer post_syn needs \d+\.\d MiB but this device allows 1\.0 MiB per buffer; projection "syn" has too many synapses/);
  });

  it('a kernel needing more storage buffers than the device allows is named', () => {
    const net = ir(10);
    const e = failure(() => checkLimits(buildProgram(net, { chunkSteps: 10 }), net, limits({ maxStorageBuffersPerShaderStage: 5 })));
    expect(e.message).toMatch(/kernel update_pop needs 6 storage buffers but this device allows 5/);
  });

  it('a network within limits passes', () => {
    const net = ir(100);
    expect(() => checkLimits(buildProgram(net, { chunkSteps: 10 }), net, limits({}))).not.toThrow();
  });
});
