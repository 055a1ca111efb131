// The verbs of `snn`, in the order `snn --help` lists them. Add a verb: write commands/NAME.ts, list it here.
import type { Command } from './types';
import { validate } from './validate';
import { info } from './info';
import { run } from './run';
import { bench } from './bench';
import { trainCommand } from './train';
import { evaluateCommand } from './evaluate';
import { exportCommand } from './export';
import { importCommand } from './nir';

export const COMMANDS: Command[] = [run, trainCommand, evaluateCommand, exportCommand, importCommand, validate, info, bench];
