// `snn info`: the WebGPU adapter found (or why none), its limits, and the CPU fallback.
import { getNodeGpu } from '../node-gpu';
import { EXIT } from '../exit';
import type { Command } from './types';

const LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupsPerDimension',
  'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupStorageSize', 'maxStorageBuffersPerShaderStage'] as const;

export const info: Command = {
  name: 'info',
  summary: 'show the WebGPU adapter found (or why none) and its limits',
  usage: 'snn info [--json]',
  options: { json: { type: 'boolean', description: 'print as JSON' } },
  async run({ values }, io) {
    const r = await getNodeGpu();
    const report = r.ok
      ? {
          webgpu: true,
          adapter: r.value.description,
          software: r.value.isSoftware,
          features: [...r.value.adapter.features].sort(),
          limits: Object.fromEntries(LIMITS.map((k) => [k, r.value.adapter.limits[k]])),
          cpu_fallback: 'available',
        }
      : { webgpu: false, reason: r.reason, cpu_fallback: 'available: runs use the CPU engine (--backend cpu)' };
    if (values.json) {
      io.stdout(JSON.stringify(report, null, 2) + '\n');
      return EXIT.ok;
    }
    if (r.ok) {
      io.stdout(`WebGPU adapter: ${r.value.description}${r.value.isSoftware ? ' — a software (CPU) adapter: correct but slow' : ''}\n`);
      io.stdout('Limits:\n');
      for (const k of LIMITS) io.stdout(`  ${k.padEnd(36)} ${r.value.adapter.limits[k]}\n`);
      io.stdout(`Features: ${[...r.value.adapter.features].sort().join(', ')}\n`);
    } else {
      io.stdout(`WebGPU adapter: none — ${r.reason}\n`);
    }
    io.stdout('CPU engine: available (the reference engine; --backend cpu)\n');
    return EXIT.ok;
  },
};
