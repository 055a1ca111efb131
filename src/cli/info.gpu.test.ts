import { describe, expect, it } from 'vitest';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';

describe('snn info', () => {
  it('names the WebGPU adapter and its limits (this machine must have one: SwiftShader on CI)', async () => {
    const io = recordingIo();
    expect(await main(['info', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.webgpu).toBe(true);
    expect(report.adapter).toMatch(/\w/);
    expect(report.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(report.cpu_fallback).toBe('available');
    const text = recordingIo();
    expect(await main(['info'], text)).toBe(0);
    expect(text.out).toMatch(/^WebGPU adapter: .+\nLimits:\n/);
    expect(text.out).toMatch(/CPU engine: available/);
  });
});
