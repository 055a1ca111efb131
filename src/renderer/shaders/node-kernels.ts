// The kernels the compiler generates for one network node (a population or a projection) and each kernel's
// buffer layout, read from the real Program (src/shared/compiler/program.ts) — the same WGSL the GPU engine
// runs and `snn run --dump-wgsl` writes (docs/editor.md, "Shaders").
import { checkDocument, type NetworkDocument } from '../../shared/graph';
import { buildProgram, compileNetwork, type KernelPlan, type NetworkIR, type Program } from '../../shared/compiler';

export interface LayoutRow {
  group: number;
  binding: number;
  /** The variable the kernel declares (`P`, `S`, `spk`, …). */
  variable: string;
  /** The Program's buffer bound there (`P_exc`, `w_exc_inh`, …). */
  buffer: string;
  /** Address space and access, as declared (`storage, read_write`). */
  access: string;
  /** The WGSL type (`array<f32>`). */
  type: string;
  bytes: number;
}

export interface NodeKernel { name: string; code: string; layout: LayoutRow[] }

export type NodeShaders =
  | { ok: true; kernels: NodeKernel[]; note?: string }
  | { ok: false; message: string };

const BINDING = /@group\((\d+)\)\s*@binding\((\d+)\)\s*var<([^>]+)>\s*(\w+)\s*:\s*([^;]+);/g;

/** The bindings a kernel declares, each with the Program buffer the engine binds there and its size. */
export function kernelLayout(kernel: KernelPlan, program: Program): LayoutRow[] {
  const bytes = new Map(program.buffers.map((b) => [b.name, b.bytes]));
  const rows: LayoutRow[] = [];
  for (const m of kernel.code.matchAll(BINDING)) {
    const binding = Number(m[2]);
    const buffer = kernel.bindings[binding] ?? '?';
    rows.push({ group: Number(m[1]), binding, access: m[3].trim(), variable: m[4], type: m[5].trim(), buffer, bytes: bytes.get(buffer) ?? 0 });
  }
  return rows;
}

/**
 * Which kernels belong to a node: a population owns its update kernel and the record kernels of its state
 * monitors (a current input has no update kernel: the host computes it); a projection owns its propagate kernel and, when plastic, its three STDP kernels. Current
 * projections have no kernel of their own (the target's update reads them), which the note says.
 */
export function kernelNamesFor(ir: NetworkIR, id: string): { names: string[]; note?: string } | null {
  const pop = ir.populations.find((p) => p.id === id);
  if (pop) {
    const records = ir.monitors.filter((m) => m.kind === 'state' && ir.populations[m.population] === pop).map((m) => `record_${m.id}`);
    if (pop.kind === 'input' && pop.input.kind === 'current') {
      return { names: records, note: `"${id}" is a current input: the host computes its current each chunk; the update kernels of its targets read it (cur, curw).` };
    }
    return { names: [`update_${id}`, ...records] };
  }
  const pj = ir.projections.find((p) => p.id === id);
  if (!pj) return null;
  if (pj.synapse === 'current') {
    return { names: [], note: `"${id}" is a current projection: it has no kernel of its own; the update kernel of "${ir.populations[pj.target].id}" adds its current (cur, curw).` };
  }
  return { names: [`propagate_${id}`, ...(pj.plasticity ? [`stdp_pre_${id}`, `stdp_post_${id}`, `stdp_trace_${id}`] : [])] };
}

/**
 * Compiles the document (chunk of 1000 steps, as `snn run --dump-wgsl`) and picks the node's kernels. A
 * document with problems is refused first, as Run refuses it: the compiler assumes a checked document.
 */
export function shadersForNode(doc: NetworkDocument, id: string): NodeShaders {
  const errors = checkDocument(doc).filter((d) => d.severity === 'error');
  if (errors.length) {
    return { ok: false, message: `The network has ${errors.length} problem${errors.length === 1 ? '' : 's'} (listed in the Inspector): ${errors[0].message}. Fix ${errors.length === 1 ? 'it' : 'them'} to see the generated kernels.` };
  }
  let ir: NetworkIR, program: Program;
  try {
    ir = compileNetwork(doc, { seed: doc.simulation.seed });
    program = buildProgram(ir, { chunkSteps: 1000 });
  } catch (e) {
    return { ok: false, message: `The network does not compile: ${e instanceof Error ? e.message : String(e)}` };
  }
  const sel = kernelNamesFor(ir, id);
  if (!sel) return { ok: false, message: `"${id}" has no kernels (it is not a population or projection of the compiled network).` };
  const kernels = sel.names.map((n) => program.kernels.find((k) => k.name === n)).filter((k): k is KernelPlan => !!k)
    .map((k) => ({ name: k.name, code: k.code, layout: kernelLayout(k, program) }));
  return { ok: true, kernels, ...(sel.note ? { note: sel.note } : {}) };
}
