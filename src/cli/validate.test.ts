import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { recordingIo } from './test-io';

const examples = join(__dirname, '../../resources/examples');
let dir: string;

const valid = () => JSON.parse(readFileSync(join(examples, 'lif-neuron.snn.json'), 'utf8'));

/** Write a file, run `snn validate` on it, and check the file is byte-identical (and untouched) after. */
async function validateText(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const before = statSync(path).mtimeMs;
  const io = recordingIo(dir);
  const code = await main(['validate', name], io);
  expect(readFileSync(path, 'utf8')).toBe(text);
  expect(statSync(path).mtimeMs).toBe(before);
  return { code, io };
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'snn-validate-')); });

describe('snn validate', () => {
  it('accepts a valid example (exit 0) and says what it holds', async () => {
    const io = recordingIo(examples);
    expect(await main(['validate', 'coincidence-detection.snn.json'], io)).toBe(0);
    expect(io.out).toBe('coincidence-detection.snn.json: valid — "coincidence-detection", 2 nodes, 1 projection\n');
  });

  const cases: [string, (d: any) => string, RegExp[]][] = [
    ['not JSON', () => '{ "format": ', [/error: not valid JSON/]],
    ['wrong shape', (d) => { d.nodes = { a: 1 }; return JSON.stringify(d); }, [/error: nodes: /]],
    ['unknown version', (d) => { d.version = 99; return JSON.stringify(d); }, [/error: version: the file is version 99, made by a newer SNN Studio/]],
    ['dangling edge', (d) => { d.projections[0].target = 'nobody'; return JSON.stringify(d); }, [/error: projections\[0\]\.target: no node has id "nobody"/]],
    ['duplicate ids', (d) => { d.nodes[1].id = 'input'; d.projections[0].target = 'input'; d.monitors = []; return JSON.stringify(d); },
      [/error: nodes\[1\]\.id: duplicate id "input" \(already used by nodes\[0\]\)/]],
    ['out-of-range parameter', (d) => { d.nodes[1].params.tau_ms = -5; d.projections[0].delay.ms = -1; return JSON.stringify(d); },
      [/error: nodes\[1\]\.params\.tau_ms: -5 ms is not above the minimum 0 ms/, /error: projections\[0\]\.delay\.ms: -1 ms is negative/]],
  ];
  for (const [what, mutate, expected] of cases) {
    it(`rejects a file with ${what}: exit 3, the JSON path, and the file untouched`, async () => {
      const { code, io } = await validateText(`${what.replace(/\W/g, '_')}.snn.json`, mutate(valid()));
      expect(code).toBe(3);
      for (const re of expected) expect(io.err).toMatch(re);
      expect(io.err).toMatch(/invalid \(\d+ errors?\)\n$/);
      expect(io.out).toBe('');
    });
  }

  it('reports a missing file as invalid input (exit 3) and a missing argument as usage (exit 2)', async () => {
    const io = recordingIo(dir);
    expect(await main(['validate', 'nope.snn.json'], io)).toBe(3);
    expect(io.err).toMatch(/nope\.snn\.json: cannot read the network document: no such file/);
    expect(await main(['validate'], recordingIo(dir))).toBe(2);
  });
});

describe('snn dispatch', () => {
  it('lists the verbs on --help and refuses unknown verbs and options with exit 2', async () => {
    const io = recordingIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/validate .*\n.*info/s);
    const bad = recordingIo();
    expect(await main(['frobnicate'], bad)).toBe(2);
    expect(bad.err).toMatch(/unknown command "frobnicate"/);
    const badOpt = recordingIo();
    expect(await main(['validate', '--colour', 'x.json'], badOpt)).toBe(2);
    expect(badOpt.err).toMatch(/Unknown option '--colour'/);
  });
});
