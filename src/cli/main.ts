// The `snn` command: argument parsing, dispatch to a verb, exit codes, and error reporting without stack
// traces (unless --debug). See docs/cli.md for the contract.
import { parseArgs } from 'node:util';
import { COMMANDS } from './commands';
import type { Command } from './commands/types';
import { CliError, EXIT } from './exit';
import { processIo, type CliIo } from './io';
import { SNN_VERSION } from './version';

export function helpText(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'snn — run, train and export spiking neural networks (SNN Studio) from the command line',
    '',
    'Usage: snn <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Options for every command: --help (the command\'s own options), --debug (stack traces on errors)',
    'Exit codes: 0 success, 2 usage error, 3 invalid network or weights file, 4 run-time failure',
    '',
  ].join('\n');
}

export function commandHelp(c: Command): string {
  const opts = Object.entries(c.options);
  const w = Math.max(0, ...opts.map(([k]) => k.length));
  return [
    `usage: ${c.usage}`,
    '',
    c.summary,
    ...(opts.length ? ['', 'Options:', ...opts.map(([k, o]) => `  --${k.padEnd(w)}  ${o.description}`)] : []),
    '',
  ].join('\n');
}

/** Run the CLI with `argv` (without node and script). Returns the exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [verb, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout(helpText());
    return verb ? EXIT.ok : EXIT.usage;
  }
  if (verb === '--version') {
    io.stdout(`snn ${SNN_VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = COMMANDS.find((c) => c.name === verb);
  if (!cmd) {
    io.stderr(`snn: unknown command "${verb}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}); see snn --help\n`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.entries(cmd.options).map(([k, o]) => [k, {
          type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}),
        }])),
        help: { type: 'boolean', short: 'h' },
        debug: { type: 'boolean' },
      },
    });
  } catch (e) {
    io.stderr(`snn ${cmd.name}: ${(e as Error).message.replace(/\. To specify a positional.*$/s, '')}\n${commandHelp(cmd)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(cmd));
    return EXIT.ok;
  }
  try {
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values as never }, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`snn ${cmd.name}: ${e.message}\n`);
      if (debug && e.stack) io.stderr(e.stack + '\n');
      return e.code;
    }
    io.stderr(`snn ${cmd.name}: internal error: ${(e as Error).message}\n`);
    if (debug && (e as Error).stack) io.stderr((e as Error).stack + '\n');
    else io.stderr('(run again with --debug for the stack trace, and please report it)\n');
    return EXIT.runtime;
  }
}
