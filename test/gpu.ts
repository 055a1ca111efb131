// Shared setup for GPU tests (*.gpu.test.ts): a real WebGPU device through Dawn. Tests FAIL, never skip,
// when no adapter exists: on CI a missing adapter means a broken install (see docs/testing.md).
import { getNodeGpu, requestNodeDevice, type NodeGpu } from '../src/cli/node-gpu';

export async function getTestGpu(): Promise<NodeGpu> {
  const r = await getNodeGpu();
  if (!r.ok) throw new Error(`GPU tests need a WebGPU adapter: ${r.reason}`);
  return r.value;
}

/** A fresh device per test file; errors the tests did not expect are raised, not swallowed. */
export async function getTestDevice(label = 'test'): Promise<GPUDevice> {
  const { adapter } = await getTestGpu();
  const device = await requestNodeDevice(adapter, label);
  device.addEventListener('uncapturederror', (ev) => {
    throw new Error(`uncaptured WebGPU error: ${(ev as GPUUncapturedErrorEvent).error.message}`);
  });
  return device;
}
