// The `snn` command's version (`snn --version`), also written into exported files' metadata: the app's version,
// defined once in src/shared/version.ts (applied documents' provenance records it too).
export { APP_VERSION as SNN_VERSION } from '../shared/version';
