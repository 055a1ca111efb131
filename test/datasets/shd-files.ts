// Test helper: writes small data files of the Heidelberg (SHD/SSC) HDF5 layout into a temp folder. The
// ragged spikes/times and spikes/units rows are variable-length datasets, which h5wasm 0.10 can read but not
// write, so the writer is h5py under /usr/bin/python3 (the interpreter .ci/run installs h5py into).
import { execFileSync } from 'node:child_process';

export interface ShdSample { times: number[]; units: number[]; label: number }

/** Why h5py cannot be used here, or null when it can. */
export function h5pyMissing(): string | null {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import h5py'], { stdio: 'pipe' });
    return null;
  } catch {
    return 'h5py is not importable by /usr/bin/python3 (h5wasm cannot write variable-length rows)';
  }
}

/** Writes `samples` as an SHD-layout file at `path` (float32 times in seconds, uint16 units and labels). */
export function writeShd(path: string, samples: ShdSample[]): void {
  const script = `
import h5py, json, sys, numpy as np
samples = json.load(sys.stdin)
with h5py.File(sys.argv[1], 'w') as f:
    n = len(samples)
    t = f.create_dataset('spikes/times', (n,), dtype=h5py.vlen_dtype(np.dtype('float32')))
    u = f.create_dataset('spikes/units', (n,), dtype=h5py.vlen_dtype(np.dtype('uint16')))
    for i, s in enumerate(samples):
        t[i] = np.array(s['times'], dtype='float32')
        u[i] = np.array(s['units'], dtype='uint16')
    f.create_dataset('labels', data=np.array([s['label'] for s in samples], dtype='uint16'))
    f.create_dataset('extra/speaker', data=np.arange(n))
`;
  execFileSync('/usr/bin/python3', ['-c', script, path], { input: JSON.stringify(samples), stdio: ['pipe', 'pipe', 'pipe'] });
}
