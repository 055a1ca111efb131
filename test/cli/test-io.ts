// A CliIo that records output, for tests of the `snn` verbs (a test helper: it lives with the tests).
import type { CliIo } from '../../src/cli/io';

export interface RecordingIo extends CliIo {
  out: string;
  err: string;
}

export function recordingIo(cwd = process.cwd()): RecordingIo {
  const io: RecordingIo = {
    out: '',
    err: '',
    isTTY: false,
    cwd,
    stdout: (t) => { io.out += t; },
    stderr: (t) => { io.err += t; },
  };
  return io;
}
