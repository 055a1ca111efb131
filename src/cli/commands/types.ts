// The shape of one `snn` verb. Options use node:util parseArgs' declarations.
import type { CliIo } from '../io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  description: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
