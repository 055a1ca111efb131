// Finds the WebGPU adapter (navigator.gpu.requestAdapter) and describes it for the status bar; says why
// there is none when WebGPU is missing or finds no adapter, so the CPU engine is used instead.

export type AdapterStatus =
  | { state: 'checking' }
  | { state: 'found'; adapter: GPUAdapter; description: string }
  | { state: 'none'; reason: string };

/** "SwiftShader Device (Subzero) — google, swiftshader" from the adapter's info, whatever it fills in. */
export function describeAdapter(info: Partial<GPUAdapterInfo> | undefined): string {
  const description = info?.description?.trim();
  const extra = [info?.vendor, info?.architecture].map((s) => s?.trim()).filter((s): s is string => !!s);
  const main = description || extra.shift() || 'unnamed adapter';
  const rest = extra.filter((s) => !main.toLowerCase().includes(s.toLowerCase()));
  return rest.length ? `${main} (${rest.join(', ')})` : main;
}

export async function findAdapter(nav: Navigator = navigator): Promise<AdapterStatus> {
  if (!('gpu' in nav) || !nav.gpu) return { state: 'none', reason: 'this browser has no WebGPU' };
  try {
    const adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { state: 'none', reason: 'requestAdapter() returned none' };
    return { state: 'found', adapter, description: describeAdapter(adapter.info) };
  } catch (e) {
    return { state: 'none', reason: e instanceof Error ? e.message : String(e) };
  }
}
