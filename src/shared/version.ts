// The SNN Studio version: what `snn --version` prints and what an applied document's provenance records
// (docs/file-format.md, "Provenance"). Kept equal to package.json's version by scripts/version.test.ts.
export const APP_VERSION = '0.1.0';
