// The launch schedule of a Program's step (docs/architecture.md, "GPU launch schedules"). Takes the Program
// buildProgram makes (one kernel per population, projection, monitor; `step` in dependency order with a
// `phase` per dispatch) and rewrites its kernels into:
// - 'fused': one dispatch per phase and step (all population updates in one, all propagations and records in
//   the next, …): each kernel's `main` becomes a function the fused entry calls for its slice of the threads;
// - 'single': one dispatch per chunk: one workgroup loops over the chunk's steps and runs the phases with a
//   storageBarrier between them. Only within one workgroup: WebGPU gives no forward-progress guarantee across
//   workgroups, so no kernel ever waits on another workgroup.
// Where the union of the fused kernels' buffers exceeds maxStorageBuffersPerShaderStage, buffers are merged
// into pools of one WGSL type each (BufferPlan.pool/offset), and the component kernels index the pool.
import type { NetworkIR } from './ir';
import type { BufferPlan, DispatchPlan, KernelPlan, PoolPlan, Program } from './program';
import { CTRL_STEPS, ENTRY, WG } from './kernels/common.wgsl';

export type Schedule = 'separate' | 'fused' | 'single';
export type ScheduleChoice = 'auto' | Schedule;

export interface ScheduleLimits {
  maxStorageBuffersPerShaderStage: number;
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  /** Threads of the single-workgroup schedule (default SINGLE_WG; singleWorkgroupSize() picks it per adapter). */
  singleWorkgroupSize?: number;
}

/** WebGPU's guaranteed minimum limits: what a Program built without a device must fit. */
export const MIN_LIMITS: ScheduleLimits = { maxStorageBuffersPerShaderStage: 8, maxStorageBufferBindingSize: 128 << 20, maxBufferSize: 256 << 20 };

/**
 * Phases of one step. A kernel reads only what earlier phases (or earlier steps) wrote: updates write spikes
 * and states; propagations read this step's spike lists and weights and add into the rings of later steps,
 * records read the updated states; STDP depression rewrites weights propagation has read, and end_step clears
 * the spike counts propagation has read (neither reads what the other writes); potentiation rewrites weights
 * depression wrote; the trace update changes traces both read.
 */
export const PHASE = { update: 0, propagate: 1, record: 1, stdpPre: 2, endStep: 2, stdpPost: 3, stdpTrace: 4 } as const;

/**
 * 'auto' runs the whole chunk in one workgroup up to this many neurons, and above it keeps one dispatch per
 * kernel: 'fused' is never chosen automatically, since SwiftShader runs every component of a fused dispatch
 * (masked) in every invocation, which made COBA 4k several times slower there; a hardware GPU, which skips
 * branches no thread of a warp takes, is not measured yet (docs/benchmarks.md, "Launch schedules").
 */
export const SINGLE_MAX_NEURONS = 16_384;
/**
 * …and up to this many synapses: one workgroup does a whole chunk's propagation in one dispatch, and a long
 * dispatch can trip a desktop GPU's watchdog (about 2 s on Windows). COBA 4k has 352 k.
 */
export const SINGLE_MAX_SYNAPSES = 1 << 21;
/** Threads of the single workgroup (every device allows 256 invocations per workgroup). */
export const SINGLE_WG = 256;

/**
 * The single workgroup's size for an adapter: SINGLE_WG, or on a fallback (CPU) adapter one subgroup. SwiftShader
 * runs a workgroup's subgroups (4 lanes) one after another and switches between them at every barrier; with 64
 * subgroups COBA 4k ran 2–3× slower per step than with one (docs/benchmarks.md, "Launch schedules").
 */
export function singleWorkgroupSize(info: Pick<GPUAdapterInfo, 'isFallbackAdapter' | 'subgroupMaxSize'> | undefined): number {
  return info?.isFallbackAdapter ? Math.min(SINGLE_WG, Math.max(1, info.subgroupMaxSize || 4)) : SINGLE_WG;
}
/** Offsets of buffers in a pool: the storage-buffer offset alignment every device accepts. */
export const POOL_ALIGN = 256;

interface Decl { access: 'read' | 'read_write'; elem: string }
interface Component { kernel: KernelPlan; dispatch: DispatchPlan; threads: number }

/** The Program with the chosen schedule ('auto': single for small networks, else separate), with the reason. */
export function scheduleProgram(p: Program, ir: NetworkIR, choice: ScheduleChoice, limits: ScheduleLimits = MIN_LIMITS): Program {
  if (p.schedule !== 'separate') throw new Error('scheduleProgram: the Program is already scheduled');
  if (choice === 'separate') return p;
  if (p.step.some((d) => 'indirect' in d || d.phase === undefined)) {
    return { ...p, scheduleReason: `${choice === 'auto' ? 'auto' : `${choice} asked`}: indirect propagate launches run separately` };
  }
  const neurons = ir.populations.reduce((a, q) => a + q.size, 0);
  const synapses = ir.projections.reduce((a, q) => a + q.post.length, 0);
  const tooBig = neurons > SINGLE_MAX_NEURONS ? `${neurons} neurons > ${SINGLE_MAX_NEURONS}`
    : synapses > SINGLE_MAX_SYNAPSES ? `${synapses} synapses > ${SINGLE_MAX_SYNAPSES}` : '';
  const tries: Schedule[] = choice === 'auto' ? (tooBig ? [] : ['single']) : [choice];
  if (!tries.length) return { ...p, scheduleReason: `auto: ${tooBig}, one dispatch per kernel` };
  const why: string[] = [];
  for (const s of tries) {
    const r = s === 'single' ? single(p, limits) : fused(p, limits);
    if (typeof r !== 'string') {
      const reason = choice === 'auto' ? `auto: ${neurons} neurons ≤ ${SINGLE_MAX_NEURONS}, whole chunk in one workgroup` : `${s} asked`;
      return { ...r, schedule: s, scheduleReason: reason + (r.pools.length ? `, ${r.pools.length} pooled buffer(s)` : '') };
    }
    why.push(`${s}: ${r}`);
  }
  return { ...p, scheduleReason: `${choice}: ${why.join('; ')}; one dispatch per kernel` };
}

function components(p: Program): Component[] {
  return p.step.map((d) => {
    const kernel = p.kernels.find((k) => k.name === d.kernel);
    if (!kernel || !('threads' in d)) throw new Error(`scheduleProgram: dispatch ${d.kernel} has no kernel or thread count`);
    return { kernel, dispatch: d, threads: d.threads };
  });
}

/** The step's dispatches grouped by phase, phases in order (kernels keep their order within a phase). */
function phases(p: Program): Component[][] {
  const by = new Map<number, Component[]>();
  for (const c of components(p)) by.set(c.dispatch.phase!, [...(by.get(c.dispatch.phase!) ?? []), c]);
  return [...by].sort((x, y) => x[0] - y[0]).map(([, g]) => g);
}

function single(p: Program, limits: ScheduleLimits): Omit<Program, 'schedule' | 'scheduleReason'> | string {
  const groups = phases(p);
  const all = groups.flat();
  const layout = poolLayout(p, [all.map((c) => c.kernel)], limits);
  if (typeof layout === 'string') return layout;
  const mod = new Module(layout);
  const size = limits.singleWorkgroupSize ?? SINGLE_WG;
  const loops = groups.map((g) => g.map((c) => {
    const fn = mod.add(c.kernel);
    // Grid-stride kernels are exact for any launch: a launch of ≥ one workgroup of 64. Others get a thread per item.
    const w = c.dispatch.gridStride ? Math.max(1, Math.floor(size / WG)) : Math.ceil(c.threads / WG);
    return `    for (var v = lid; v < ${w * WG}u; v = v + ${size}u) { ${fn}(vec3u(v, 0u, 0u), vec3u(${w}u, 1u, 1u)); }`;
  }).join('\n')).join('\n    storageBarrier();\n');
  const ctrl = mod.access('ctrl', `${CTRL_STEPS}u`);
  const code = `// single: the whole chunk in one workgroup of ${size}; ${groups.length} phase(s) per step with a storageBarrier between them.
// Kernels: ${all.map((c) => c.kernel.name).join(', ')}.
${mod.declarations()}
var<workgroup> steps_wg: u32;

${mod.functions()}

@compute @workgroup_size(${size})
fn main(@builtin(local_invocation_index) lid: u32) {
  if (lid == 0u) { steps_wg = atomicLoad(&${ctrl}); }
  let steps = workgroupUniformLoad(&steps_wg);
  for (var s = 0u; s < steps; s = s + 1u) {
${loops}
    storageBarrier();
  }
}
`;
  return { ...p, kernels: [{ name: 'single', code, bindings: mod.bindings }], step: [{ kernel: 'single', workgroups: [1, 1] }], buffers: layout.buffers, pools: layout.pools };
}

function fused(p: Program, limits: ScheduleLimits): Omit<Program, 'schedule' | 'scheduleReason'> | string {
  const groups = phases(p);
  // Split a phase where its buffers alone exceed the limit (only when even pooling cannot merge them enough).
  const layout = poolLayout(p, groups.map((g) => g.map((c) => c.kernel)), limits);
  if (typeof layout === 'string') return layout;
  const kernels: KernelPlan[] = [];
  const step: DispatchPlan[] = [];
  groups.forEach((g, j) => {
    const mod = new Module(layout);
    let at = 0;
    const parts = g.map((c) => {
      const fn = mod.add(c.kernel);
      const w = Math.ceil(c.threads / WG), from = at;
      at += w * WG;
      return `  if (g < ${at}u) { ${fn}(vec3u(g - ${from}u, 0u, 0u), vec3u(${w}u, 1u, 1u)); return; }`;
    });
    const name = `phase${j}`;
    kernels.push({
      name, bindings: mod.bindings,
      code: `// ${name}: ${g.map((c) => c.kernel.name).join(', ')} in one dispatch (each on its own range of threads).
${mod.declarations()}

${mod.functions()}

${ENTRY} {
  let g = gid.x + gid.y * nwg.x * ${WG}u;
${parts.join('\n')}
}
`,
    });
    step.push({ kernel: name, threads: at, phase: g[0].dispatch.phase });
  });
  return { ...p, kernels, step, buffers: layout.buffers, pools: layout.pools };
}

interface Layout {
  buffers: BufferPlan[];
  pools: PoolPlan[];
  /** WGSL declaration of every buffer or pool a kernel may bind (union over all kernels). */
  decl: Map<string, Decl>;
}

/** Element type and access of each buffer as the kernels declare it (read_write wins; element types must agree). */
function declarations(kernels: KernelPlan[]): Map<string, Decl> {
  const out = new Map<string, Decl>();
  for (const k of kernels) {
    for (const m of k.code.matchAll(BINDING)) {
      const name = k.bindings[Number(m[1])];
      const d: Decl = { access: m[2] as Decl['access'], elem: m[4] };
      const old = out.get(name);
      if (old && old.elem !== d.elem) throw new Error(`scheduleProgram: buffer ${name} is array<${old.elem}> in one kernel and array<${d.elem}> in ${k.name}`);
      out.set(name, old && old.access === 'read_write' ? old : d);
    }
  }
  return out;
}

const BINDING = /@group\(0\) @binding\((\d+)\) var<storage, (read|read_write)> (\w+): array<(.*)>;/g;

/**
 * Buffers for kernel sets that each must fit the storage-buffer limit: the Program's own when they fit, else
 * pools, first keeping ctrl and the spike buffers separate (the 3D view binds spk_<pop> directly), then only
 * ctrl. A pool holds every buffer of one element type, read_write when any of them is written (a read-only
 * buffer declared read_write is still only read), so COBA needs 3 pools.
 */
function poolLayout(p: Program, sets: KernelPlan[][], limits: ScheduleLimits): Layout | string {
  const decl = declarations(sets.flat());
  const maxBind = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const used = (set: KernelPlan[]) => new Set(set.flatMap((k) => k.bindings));
  for (const keep of [null, /^(ctrl|spk_.*)$/, /^ctrl$/]) {
    if (!keep) {
      if (sets.every((s) => used(s).size <= limits.maxStorageBuffersPerShaderStage)) return { buffers: p.buffers, pools: [], decl };
      continue;
    }
    const poolOf = (name: string) => (keep.test(name) ? null : `pool_${decl.get(name)!.elem.replace(/\W+/g, '_').replace(/_$/, '')}`);
    const fits = sets.every((s) => new Set([...used(s)].map((b) => poolOf(b) ?? b)).size <= limits.maxStorageBuffersPerShaderStage);
    if (!fits) continue;
    const pools = new Map<string, number>();
    const buffers = p.buffers.map((b) => {
      const pool = decl.has(b.name) ? poolOf(b.name) : null;
      if (!pool) return b;
      const offset = pools.get(pool) ?? 0;
      pools.set(pool, offset + Math.ceil(Math.max(4, b.bytes) / POOL_ALIGN) * POOL_ALIGN);
      return { ...b, pool, offset };
    });
    const big = [...pools].find(([, bytes]) => bytes > maxBind);
    if (big) return `merged buffer ${big[0]} needs ${big[1]} bytes, over the device's ${maxBind} per binding`;
    for (const name of pools.keys()) {
      const members = buffers.filter((b) => b.pool === name).map((b) => decl.get(b.name)!);
      decl.set(name, { elem: members[0].elem, access: members.some((d) => d.access === 'read_write') ? 'read_write' : 'read' });
    }
    return { buffers, pools: [...pools].map(([name, bytes]) => ({ name, bytes })), decl };
  }
  return `its kernels need more than ${limits.maxStorageBuffersPerShaderStage} storage buffers even merged`;
}

/**
 * One fused WGSL module: the component kernels' code with their module-scope names prefixed, their `main`
 * turned into a function of (gid, nwg), and each buffer access `x[e]` rewritten to the module's binding
 * (`b3[e]`, or `b3[OFFSET + (e)]` for a pooled buffer).
 */
class Module {
  readonly bindings: string[] = [];
  private fns: string[] = [];
  constructor(private layout: Layout) {}

  /** The binding (a buffer or its pool) of a buffer, and the access expression of element `index`. */
  access(buffer: string, index: string): string {
    const b = this.layout.buffers.find((x) => x.name === buffer);
    if (!b) throw new Error(`scheduleProgram: no buffer ${buffer}`);
    const target = b.pool ?? b.name;
    let j = this.bindings.indexOf(target);
    if (j < 0) { j = this.bindings.length; this.bindings.push(target); }
    return b.pool && b.offset ? `b${j}[${b.offset / 4}u + (${index})]` : `b${j}[${index}]`;
  }

  add(k: KernelPlan): string {
    const prefix = `k${this.fns.length}_`;
    const locals = new Map<string, string>();
    let code = k.code.replace(BINDING, (_m, bind: string, _a, v: string) => { locals.set(v, k.bindings[Number(bind)]); return ''; });
    if (!code.includes(ENTRY)) throw new Error(`scheduleProgram: kernel ${k.name} has no standard entry point`);
    code = code.replace(ENTRY, 'fn main(gid: vec3u, nwg: vec3u)').replace(/\/\/[^\n]*/g, '');
    const names = [...code.matchAll(/^(?:const|fn)\s+(\w+)/gm)].map((m) => m[1]);
    if (names.length) code = code.replace(new RegExp(`(?<![.\\w])(${names.join('|')})(?!\\w)`, 'g'), `${prefix}$1`);
    code = this.rewrite(code, locals, k.name);
    this.fns.push(`// ${k.name}\n${code.replace(/\n\s*\n+/g, '\n').trim()}`);
    return `${prefix}main`;
  }

  /** Replace every `v[e]` of a bound variable v by the module's access to its buffer (brackets nest). */
  private rewrite(code: string, locals: Map<string, string>, kernel: string): string {
    if (!locals.size) return code;
    const re = new RegExp(`(?<![.\\w])(${[...locals.keys()].join('|')})\\s*\\[`, 'g');
    let out = '', from = 0;
    for (let m = re.exec(code); m; m = re.exec(code)) {
      let depth = 1, at = re.lastIndex;
      for (; at < code.length && depth; at++) depth += code[at] === '[' ? 1 : code[at] === ']' ? -1 : 0;
      const inner = this.rewrite(code.slice(re.lastIndex, at - 1), locals, kernel);
      out += code.slice(from, m.index) + this.access(locals.get(m[1])!, inner);
      from = at;
      re.lastIndex = at;
    }
    out += code.slice(from);
    const bare = new RegExp(`(?<![.\\w])(${[...locals.keys()].join('|')})(?!\\w)`).exec(out);
    if (bare) throw new Error(`scheduleProgram: kernel ${kernel} uses buffer variable ${bare[1]} other than by index`);
    return out;
  }

  declarations(): string {
    return this.bindings.map((name, j) => {
      const d = this.layout.decl.get(name)!;
      return `@group(0) @binding(${j}) var<storage, ${d.access}> b${j}: array<${d.elem}>; // ${name}`;
    }).join('\n');
  }

  functions(): string {
    return this.fns.join('\n\n');
  }
}
