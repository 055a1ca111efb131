// The training worker: runs a TrainSession (./session.ts) on the CPU backend or on the GPU training backend
// with its own WebGPU device (navigator.gpu in the worker), so the UI stays responsive while it trains.
import { GpuBackend } from '../../shared/training/gpu/gpu-backend';
import type { TrainingPlan } from '../../shared/training';
import { describeAdapter } from '../gpu/adapter';
import type { FromTrainWorker, ToTrainWorker } from './protocol';
import { TrainSession } from './session';

const post = (m: FromTrainWorker) => {
  const transfer = m.type === 'done' ? [...new Set([...m.weights, ...(m.best?.weights ?? [])].map((w) => w.buffer as ArrayBuffer))] : [];
  (self as unknown as Worker).postMessage(m, transfer);
};

/** The limits the trainer's buffers may need (the adapter's, not WebGPU's defaults). */
const LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupsPerDimension', 'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupStorageSize', 'maxStorageBuffersPerShaderStage'] as const;

async function createGpu(plan: TrainingPlan, weights: Float64Array[]): Promise<GpuBackend> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) throw new Error('this browser has no WebGPU in workers: choose the CPU backend');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter was found: choose the CPU backend');
  const requiredLimits: Record<string, number> = {};
  for (const k of LIMITS) requiredLimits[k] = adapter.limits[k];
  const device = await adapter.requestDevice({ label: 'snn-train', requiredLimits });
  const info = adapter.info;
  // Software adapters (SwiftShader) run the kernel set without workgroup barriers (same results, faster there).
  const software = /swiftshader|llvmpipe|lavapipe/i.test(`${info.description} ${info.vendor} ${info.architecture} ${info.device}`)
    || (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  try {
    return await GpuBackend.create(device, plan, weights, undefined, describeAdapter(info), software ? 'simple' : 'tiled');
  } catch (e) {
    device.destroy();
    throw e;
  }
}

const session = new TrainSession({ post, createGpu, yieldToHost: () => new Promise<void>((r) => setTimeout(r, 0)) });

self.onmessage = (e: MessageEvent<ToTrainWorker>) => { void session.handle(e.data); };
