// The layouts of a spiking population's two spike buffers, defined once (docs/engine.md, "GPU layout and
// propagation choice"): the kernels that write or read them index through the WGSL expressions below, the host
// (Program sizes, GpuEngine readback, the 3D view's scatter pass) through the offsets below, and
// spikeBufferWgsl / SPIKE_RECORD_WGSL state the same layouts as WGSL structs (the unit test checks them against
// the WGSL layout rules).
// - spk_<pop> (u32): SPIKE_SECTIONS, each `size` words, in this order: `list` this step's spiking neurons (the
//   first ctrl[CTRL_CUR] entries are valid), `flag` 1 where the neuron spiked this step else 0 (written only for
//   a population an STDP kernel reads, else left 0), `count` spikes per neuron since reset.
// - rec_<pop> (u32): the chunk's spike records, each RECORD_FIELDS words (the neuron, then the step).
// Both stay flat arrays of u32 in the kernels, not struct bindings: the launch schedules (../schedule.ts) merge
// buffers into pools of one element type and rewrite each `buffer[index]` access, which needs plain arrays.

export const SPIKE_SECTIONS = ['list', 'flag', 'count'] as const;
export type SpikeSection = (typeof SPIKE_SECTIONS)[number];

/** Words of a spk_<pop> buffer for `size` neurons. */
export const spikeBufferWords = (size: number): number => SPIKE_SECTIONS.length * size;

/** Byte offset and length of one section of a spk_<pop> buffer for `size` neurons. */
export function spikeSection(section: SpikeSection, size: number): { offset: number; bytes: number } {
  return { offset: 4 * SPIKE_SECTIONS.indexOf(section) * size, bytes: 4 * size };
}

/** WGSL: the index in spk of entry `i` of a section, for a buffer of `size` neurons (both WGSL u32 expressions). */
export function spikeIndexWgsl(section: SpikeSection, size: string, i: string): string {
  const k = SPIKE_SECTIONS.indexOf(section);
  return k === 0 ? i : k === 1 ? `${size} + ${i}` : `${k}u * ${size} + ${i}`;
}

/** The same layout as a WGSL struct for `size` neurons (each section a fixed-size array, in order). */
export const spikeBufferWgsl = (size: number): string =>
  `struct SpikeBuffer { ${SPIKE_SECTIONS.map((s) => `${s}: array<u32, ${size}>`).join(', ')} }`;

export const RECORD_FIELDS = ['neuron', 'step'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
/** Words per spike record. */
export const RECORD_WORDS = RECORD_FIELDS.length;
/** Word index of each field within a record. */
export const RECORD = Object.fromEntries(RECORD_FIELDS.map((f, k) => [f, k])) as Record<RecordField, number>;

/** Bytes of `records` spike records. */
export const recordBytes = (records: number): number => 4 * RECORD_WORDS * records;

/** WGSL: the index in rec of field `field` of record `r` (a WGSL u32 expression). */
export function recordIndexWgsl(field: RecordField, r: string): string {
  return `${RECORD_WORDS}u * ${r}${RECORD[field] ? ` + ${RECORD[field]}u` : ''}`;
}

/** One spike record as a WGSL struct (rec_<pop> is an array of these, read as u32 words). */
export const SPIKE_RECORD_WGSL = `struct SpikeRecord { ${RECORD_FIELDS.map((f) => `${f}: u32`).join(', ')} }`;
