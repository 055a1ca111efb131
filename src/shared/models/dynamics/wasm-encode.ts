// WebAssembly binary encoding helpers (core spec: LEB128 integers, names, vectors, sections, memory
// immediates), for the modules SNN Studio generates as bytes (no eval: the app allows 'wasm-unsafe-eval' only,
// docs/electron.md): the CPU engine's neuron/input step (./wasm.ts) and the CPU trainer's kernels
// (../../training/input-matmul.ts, lanes-wasm.ts, source-gradient.ts).

/** Unsigned LEB128. */
export const uleb = (n: number): number[] => { const o: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
/** Signed LEB128 (i32.const immediates). */
export const sleb = (n: number): number[] => { const o: number[] = []; for (;;) { const b = n & 0x7f; n >>= 7; if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) { o.push(b); return o; } o.push(b | 0x80); } };
/** A name: its length, then its bytes (ASCII). */
export const str = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
/** A vector: its count, then its items. */
export const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
/** A section: id, byte size, body. */
export const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
/** A load/store: opcode, alignment (log2 bytes), static offset. */
export const mem = (op: number, align: number, offset: number) => [op, ...uleb(align), ...uleb(offset)];
