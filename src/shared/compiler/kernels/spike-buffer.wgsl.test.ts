// The spike buffers' layout (./spike-buffer.wgsl.ts), defined once and used by the kernels and the host:
// - the WGSL structs stating it, reflected by webgpu-utils (offsets by the WGSL layout rules), against the
//   host's offsets and sizes, and against the rules computed here (WGSL spec, "Alignment and Size": u32 is
//   AlignOf 4, SizeOf 4; array<u32, N> is AlignOf 4, SizeOf 4·N; members laid out in order);
// - the WGSL index expressions the kernels use, evaluated, against the host's offsets: the kernels and the
//   host address the same words.
// The GPU = CPU suites (../../engine/gpu-engine.gpu.test.ts, ../schedule.gpu.test.ts) run the kernels themselves.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeShaderDataDefinitions } from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import {
  RECORD, RECORD_FIELDS, RECORD_WORDS, recordBytes, recordIndexWgsl, SPIKE_RECORD_WGSL, SPIKE_SECTIONS, spikeBufferWgsl,
  spikeBufferWords, spikeIndexWgsl, spikeSection,
} from './spike-buffer.wgsl';

// The reflection reads WebGPU's GPUShaderStage global, which the `webgpu` package installs in Node.
beforeAll(() => { Object.assign(globalThis, createRequire(import.meta.url)('webgpu').globals); });

/** The value of a WGSL u32 expression of literals, + and * only (what the index helpers produce). */
function evalU32(expr: string): number {
  return expr.split('+').reduce((sum, term) => sum + term.split('*').reduce((p, f) => {
    const m = /^\s*(\d+)u?\s*$/.exec(f);
    if (!m) throw new Error(`not a literal: ${f} in ${expr}`);
    return p * Number(m[1]);
  }, 1), 0);
}

describe('spike buffer spk_<pop>', () => {
  for (const size of [1, 45, 131]) {
    it(`sections of ${size} neuron(s): WGSL struct layout = host offsets = WGSL rules`, () => {
      const def = makeShaderDataDefinitions(spikeBufferWgsl(size)).structs.SpikeBuffer;
      expect(Object.keys(def.fields)).toEqual([...SPIKE_SECTIONS]);
      expect(def.size).toBe(4 * spikeBufferWords(size));
      expect(def.size).toBe(SPIKE_SECTIONS.length * 4 * size);
      SPIKE_SECTIONS.forEach((s, k) => {
        expect(def.fields[s].offset, s).toBe(spikeSection(s, size).offset);
        expect(spikeSection(s, size), s).toEqual({ offset: k * 4 * size, bytes: 4 * size });
        const end = k + 1 < SPIKE_SECTIONS.length ? def.fields[SPIKE_SECTIONS[k + 1]].offset : def.size;
        expect(end - def.fields[s].offset, s).toBe(spikeSection(s, size).bytes);
      });
    });
  }

  it('the kernels\' index of entry i of each section is the host\'s word offset + i', () => {
    for (const size of [1, 45, 131]) {
      for (const s of SPIKE_SECTIONS) {
        for (const i of [0, 1, size - 1]) {
          expect(4 * evalU32(spikeIndexWgsl(s, `${size}u`, `${i}u`)), `${s} ${size} ${i}`).toBe(spikeSection(s, size).offset + 4 * i);
        }
      }
    }
    // The flag and count sections are distinct words (a layout change that overlapped them would fail here).
    expect(new Set(SPIKE_SECTIONS.map((s) => evalU32(spikeIndexWgsl(s, '10u', '0u')))).size).toBe(SPIKE_SECTIONS.length);
  });
});

describe('spike records rec_<pop>', () => {
  it('WGSL struct layout = host record words = WGSL rules', () => {
    const def = makeShaderDataDefinitions(SPIKE_RECORD_WGSL).structs.SpikeRecord;
    expect(Object.keys(def.fields)).toEqual([...RECORD_FIELDS]);
    expect(def.size).toBe(recordBytes(1));
    expect(recordBytes(1)).toBe(4 * RECORD_FIELDS.length);
    RECORD_FIELDS.forEach((f, k) => {
      expect(def.fields[f].offset, f).toBe(4 * RECORD[f]);
      expect(RECORD[f], f).toBe(k);
    });
    expect(recordBytes(7)).toBe(7 * 4 * RECORD_WORDS);
  });

  it('the kernels\' index of a record\'s field is its host word', () => {
    for (const r of [0, 1, 1000]) {
      for (const f of RECORD_FIELDS) expect(evalU32(recordIndexWgsl(f, `${r}u`)), `${f} ${r}`).toBe(RECORD_WORDS * r + RECORD[f]);
    }
  });
});
