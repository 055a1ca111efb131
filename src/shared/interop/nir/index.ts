// NIR (`.nir`, HDF5) export and import: docs/formats.md, "NIR"; a run's recordings as NIR graph data: "NIR graph data".
export { NIR_VERSION, NirFormatError, type NirArray, type NirGraph, type NirMeta, type NirNode } from './graph';
export { readNir, writeNir } from './hdf5';
export { documentToNir, type NirExport, type NirExportOptions } from './export';
export { nirToDocument, type NirImportOptions } from './import';
export { recordingsToNirData, type NirGraphData, type Recordings, type RecordedSpikes, type RecordedTrace } from './data';
export { NIR_DATA_MAX_BYTES, nirDataBytes, writeNirData } from './data-hdf5';
