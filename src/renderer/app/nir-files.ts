// File › Export NIR… and Import NIR… (docs/formats.md, "NIR"): the graph is built and read by the same shared
// code as `snn export --format nir` / `snn import`, loaded on first use (h5wasm is large). The file goes out as a
// download and comes in through a file input — in the web build and in Electron alike, where Chromium shows the
// native save and open dialogs for them.
import type { NetworkDocument } from '../../shared/graph';
import { downloadBytes, pickWithInput } from '../platform/web';

export const nirFileName = (snnJsonName: string): string => snnJsonName.replace(/\.snn\.json$/, '') + '.nir';

/** Writes `doc` as a .nir download; resolves to the warnings (facts NIR has no parameter for). Throws with the
 *  node and reason when NIR cannot represent the network (nothing is downloaded then). */
export async function exportNirDownload(doc: NetworkDocument, name: string): Promise<string[]> {
  const nir = await import('../../shared/interop/nir');
  const { graph, warnings } = nir.documentToNir(doc);
  downloadBytes(await nir.writeNir(graph), name, 'application/x-hdf5');
  return warnings;
}

/** Asks for a .nir file and reads it into a document; null when the user cancels. Throws with the HDF5 path or
 *  the node at fault. */
export async function importNirPick(): Promise<{ name: string; doc: NetworkDocument } | null> {
  const file = await pickWithInput(document, '.nir,.h5,.hdf5');
  if (!file) return null;
  const nir = await import('../../shared/interop/nir');
  const graph = await nir.readNir(new Uint8Array(await file.arrayBuffer()));
  return { name: file.name, doc: nir.nirToDocument(graph, { name: file.name.replace(/\.(nir|h5|hdf5)$/i, '') }) };
}
