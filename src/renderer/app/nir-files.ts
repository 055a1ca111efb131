// File › Export NIR… and Import NIR… (docs/formats.md, "NIR"). In Electron (`window.snn`) main builds and reads
// the .nir file (files.exportNir / importNir: its dialogs, its atomic write); in a browser the same shared code
// (that of `snn export --format nir` / `snn import`, loaded on first use: h5wasm is large) runs here and the file
// goes out as a download and comes in through a file input.
import type { NetworkDocument } from '../../shared/graph';
import { loadDocument } from '../../shared/graph';
import type { SnnApi } from '../../shared/ipc';
import { downloadBytes, pickWithInput } from '../platform/web';

export const nirFileName = (snnJsonName: string): string => snnJsonName.replace(/\.snn\.json$/, '') + '.nir';
const stem = (fileName: string) => fileName.replace(/\.(nir|h5|hdf5)$/i, '');

type Host = { snn?: SnnApi };

/** Writes `doc` as a .nir file; resolves to its name and the warnings (facts NIR has no parameter for), or null
 *  when the user cancelled. Throws with the node and reason when NIR cannot represent the network (nothing is
 *  written then). */
export async function exportNirFile(doc: NetworkDocument, name: string, win: Window = window): Promise<{ name: string; warnings: string[] } | null> {
  const host = win as unknown as Host;
  if (host.snn) {
    const r = await host.snn.files.exportNir(JSON.stringify(doc), name);
    if (r.ok) return { name: r.name, warnings: r.warnings };
    if (r.code === 'cancelled') return null;
    throw new Error(r.error);
  }
  const nir = await import('../../shared/interop/nir');
  const { graph, warnings } = nir.documentToNir(doc);
  downloadBytes(await nir.writeNir(graph), name, 'application/x-hdf5', win.document);
  return { name, warnings };
}

/** Asks for a .nir file and reads it into a document; null when the user cancels. Throws with the HDF5 path or
 *  the nodes at fault. */
export async function importNirFile(win: Window = window): Promise<{ name: string; doc: NetworkDocument } | null> {
  const host = win as unknown as Host;
  if (host.snn) {
    const r = await host.snn.files.importNir();
    if (!r.ok) {
      if (r.code === 'cancelled') return null;
      throw new Error(r.error);
    }
    const loaded = loadDocument(JSON.parse(r.text) as unknown);
    if (!loaded.ok) throw new Error(`${r.name}: the imported network is not valid`);
    return { name: r.name, doc: loaded.doc };
  }
  const file = await pickWithInput(win.document, '.nir,.h5,.hdf5');
  if (!file) return null;
  const nir = await import('../../shared/interop/nir');
  const graph = await nir.readNir(new Uint8Array(await file.arrayBuffer()));
  return { name: file.name, doc: nir.nirToDocument(graph, { name: stem(file.name) }) };
}
