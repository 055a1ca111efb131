// The `snn` command's version (`snn --version`), also written into exported files' metadata.
export const SNN_VERSION = '0.1.0';
