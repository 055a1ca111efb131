// `snn validate FILE`: diagnostics only; exit 0 when valid, 3 when not. Never writes anything.
import { parseDocumentText, formatDiagnostic } from '../../shared/graph';
import { EXIT } from '../exit';
import { readTextFile, type CliIo } from '../io';
import type { Command } from './types';

export const validate: Command = {
  name: 'validate',
  summary: 'check a network document; print every problem with its JSON path',
  usage: 'snn validate NETWORK.snn.json',
  options: {},
  async run({ positionals }, io: CliIo) {
    if (positionals.length !== 1) {
      io.stderr(`usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const file = positionals[0];
    const { text } = readTextFile(io, file, 'network document');
    const r = parseDocumentText(text);
    for (const d of r.diagnostics) io.stderr(`${file}: ${formatDiagnostic(d)}\n`);
    if (!r.ok) {
      const n = r.diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr(`${file}: invalid (${n} error${n === 1 ? '' : 's'})\n`);
      return EXIT.invalidInput;
    }
    const pops = r.doc.nodes.length, projs = r.doc.projections.length;
    io.stdout(`${file}: valid — "${r.doc.meta.name}", ${pops} node${pops === 1 ? '' : 's'}, ${projs} projection${projs === 1 ? '' : 's'}\n`);
    return EXIT.ok;
  },
};
