// Exit codes of the `snn` command (docs/cli.md) and the error type that carries them.
export const EXIT = {
  ok: 0,
  usage: 2,
  invalidInput: 3,
  runtime: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands for expected failures: printed as a message (no stack) with its exit code. */
export class CliError extends Error {
  constructor(readonly code: ExitCode, message: string) {
    super(message);
  }
}

export const usageError = (msg: string) => new CliError(EXIT.usage, msg);
export const invalidInput = (msg: string) => new CliError(EXIT.invalidInput, msg);
export const runtimeError = (msg: string) => new CliError(EXIT.runtime, msg);
