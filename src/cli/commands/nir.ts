// `snn export --format nir` and `snn import FILE.nir --out DOC.snn.json` (docs/cli.md, docs/formats.md "NIR").
// Everything that can fail is checked before a file is written; outputs are written whole or not at all.
import { writeSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { formatDiagnostic } from '../../shared/graph/diagnostics';
import type { NetworkDocument } from '../../shared/graph/schema';
import { documentToNir, nirToDocument, NirFormatError, readNir, writeNir } from '../../shared/interop/nir';
import { InteropError } from '../../shared/interop/pynn';
import { parseWeightsText } from '../../shared/io/weights';
import { applyWeightsFile } from '../../shared/training/apply';
import { EXIT, invalidInput, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, readInputFile, readTextFile, writeFileAtomic, writeFileAtomicWith, type CliIo } from '../io';
import { SNN_VERSION } from '../version';
import type { LoadedNetwork } from './train';
import type { Command } from './types';

/** The nir branch of `snn export`: `doc` with the weights file applied when one is given. */
export async function exportNir(io: CliIo, net: LoadedNetwork, opts: { weights?: string; seed?: string; out: string; followLinks: boolean }): Promise<number> {
  if (opts.out === STDOUT) throw usageError('--out - (stdout) is not supported with --format nir (a binary HDF5 file); name a file');
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw usageError(`--seed must be an integer, got "${opts.seed}"`);
  let doc: NetworkDocument = net.doc;
  if (opts.weights !== undefined) {
    const { text } = readTextFile(io, opts.weights, 'weights file');
    const w = parseWeightsText(text);
    if (!w.ok) throw invalidInput(`${opts.weights}: invalid weights file\n${w.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
    const applied = applyWeightsFile(doc, w.file, net.sha256);
    if (!applied.ok) throw invalidInput(`${opts.weights}: these weights do not fit ${net.file}\n${applied.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
    doc = applied.doc;
  }
  let bytes: Uint8Array, warnings: string[];
  try {
    const r = documentToNir(doc, { seed, appVersion: SNN_VERSION });
    warnings = r.warnings;
    bytes = await writeNir(r.graph);
  } catch (e) {
    if (e instanceof InteropError) throw invalidInput(`${net.file}: ${e.message}; nothing written`);
    throw e;
  }
  for (const w of warnings) io.stderr(`snn export: warning: ${w}\n`);
  writeFileAtomicWith(resolve(io.cwd, opts.out), (fd) => { writeSync(fd, bytes); }, { followLinks: opts.followLinks, option: '--out' });
  io.stderr(`wrote ${opts.out} (NIR graph, ${bytes.length} bytes)\n`);
  return EXIT.ok;
}

/**
 * h5wasm's HDF5 library prints its error stack to stderr when it meets a damaged file; our message says what and
 * where (the dataset path), so those lines are held back while a file is read.
 */
async function withoutHdf5Diagnostics<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stderr.write;
  const diag = /^(HDF5-DIAG|\s+#\d{3}:|\s+major:|\s+minor:)/;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.split('\n').every((l) => l === '' || diag.test(l))) return true;
    return (write as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  try { return await fn(); } finally { process.stderr.write = write; }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a NIR graph (.nir) as a network document laid out for the editor',
  usage: 'snn import FILE.nir --out NETWORK.snn.json [--follow-links]',
  options: {
    out: { type: 'string', description: 'network document to write (- is stdout)' },
    ...FOLLOW_LINKS_OPTION,
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw usageError(`expected one .nir file\nusage: ${this.usage}`);
    if (typeof values.out !== 'string') throw usageError('--out NETWORK.snn.json is required');
    const file = positionals[0];
    const followLinks = values['follow-links'] === true;
    checkOutputs(io, [{ option: 'NIR file', path: file }], [{ option: '--out', path: values.out }], followLinks);
    const { bytes } = readInputFile(io, file, 'NIR file');
    let doc: NetworkDocument;
    try {
      const graph = await withoutHdf5Diagnostics(() => readNir(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
      doc = nirToDocument(graph, { name: basename(file, extname(file)) });
    } catch (e) {
      if (e instanceof NirFormatError) throw invalidInput(`${file}: ${e.message}; nothing written`);
      throw e;
    }
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (values.out === STDOUT) io.stdout(text);
    else {
      writeFileAtomic(resolve(io.cwd, values.out), text, { followLinks, option: '--out' });
      const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
      io.stderr(`wrote ${values.out} (${n(doc.nodes.length, 'node')}, ${n(doc.projections.length, 'projection')})\n`);
    }
    return EXIT.ok;
  },
};
