// WebGPU in Node through Dawn (the npm package `webgpu`), for the `snn` command, benchmarks and GPU tests.
// Dawn is created once per process; on machines without a GPU, Vulkan's SwiftShader driver (installed with
// Debian's chromium) gives a CPU adapter when VK_ICD_FILENAMES points at it.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';

export interface NodeGpu {
  gpu: GPU;
  adapter: GPUAdapter;
  /** One line naming the adapter, e.g. "SwiftShader Device (Subzero) (swiftshader, vulkan)". */
  description: string;
  isSoftware: boolean;
}

export type NodeGpuResult = { ok: true; value: NodeGpu } | { ok: false; reason: string };

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
let cached: Promise<NodeGpuResult> | undefined;

/** Find a WebGPU adapter, or say why none was found. Never throws. */
export function getNodeGpu(): Promise<NodeGpuResult> {
  cached ??= findAdapter();
  return cached;
}

async function findAdapter(): Promise<NodeGpuResult> {
  if (!process.env.VK_ICD_FILENAMES && !process.env.SNN_GPU_NATIVE && existsSync(SWIFTSHADER_ICD) && !hasSystemVulkanDriver()) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  // SwiftShader's Vulkan loader complains on stderr when XDG_RUNTIME_DIR is unset (CI, containers).
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  let mod: { create: (opts: string[]) => GPU; globals: Record<string, unknown> };
  try {
    const require = createRequire(import.meta.url);
    mod = require('webgpu');
  } catch (e) {
    return { ok: false, reason: `the WebGPU module for Node (npm package "webgpu") could not be loaded: ${(e as Error).message}` };
  }
  try {
    Object.assign(globalThis, mod.globals);
    const gpu = mod.create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      return {
        ok: false,
        reason: 'no WebGPU adapter was found (no Vulkan driver). Install a GPU driver with Vulkan support, or on Debian ' +
          '`apt-get install chromium libvulkan1` for the SwiftShader software adapter.',
      };
    }
    const info = adapter.info;
    const name = [info.description || info.device || 'unknown device', info.vendor && `vendor ${info.vendor}`]
      .filter(Boolean).join(', ');
    const description = `${name} (${info.architecture || 'unknown architecture'})`;
    const isSoftware = /swiftshader|llvmpipe|lavapipe/i.test(`${info.description} ${info.architecture} ${info.device}`);
    return { ok: true, value: { gpu, adapter, description, isSoftware } };
  } catch (e) {
    return { ok: false, reason: `WebGPU failed to start: ${(e as Error).message}` };
  }
}

/** A GPU device node exists (NVIDIA, or a DRM render node of AMD/Intel): let Vulkan pick its own driver. */
function hasSystemVulkanDriver(): boolean {
  if (existsSync('/dev/nvidia0')) return true;
  try {
    return readdirSync('/dev/dri').some((f) => f.startsWith('renderD'));
  } catch {
    return false;
  }
}

/** A device with the adapter's full limits (big networks need large storage buffers). */
export async function requestNodeDevice(adapter: GPUAdapter, label = 'snn'): Promise<GPUDevice> {
  const limits: Record<string, number> = {};
  for (const key of ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupsPerDimension',
    'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupStorageSize',
    'maxStorageBuffersPerShaderStage'] as const) {
    limits[key] = adapter.limits[key];
  }
  const features: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) features.push('timestamp-query');
  return adapter.requestDevice({ label, requiredLimits: limits, requiredFeatures: features });
}
