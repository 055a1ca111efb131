// NIR (`.nir`, HDF5) export and import: docs/formats.md, "NIR".
export { NIR_VERSION, NirFormatError, type NirArray, type NirGraph, type NirMeta, type NirNode } from './graph';
export { readNir, writeNir } from './hdf5';
export { documentToNir, type NirExport, type NirExportOptions } from './export';
export { nirToDocument, type NirImportOptions } from './import';
