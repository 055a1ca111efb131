import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from './main';
import { CliError, EXIT } from './exit';
import { MAX_INPUT_BYTES, readTextFile } from './io';
import { recordingIo } from '../../test/cli/test-io';

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

  it('prints a warning (a spike after the run ends) and still exits 0', async () => {
    const d = valid();
    d.simulation.duration_ms = 5;
    d.nodes[0].data = { spikes: { index: [0], time_ms: [8] } };
    const { code, io } = await validateText('late-spike.snn.json', JSON.stringify(d));
    expect(code).toBe(EXIT.ok);
    expect(io.err).toMatch(/warning: nodes\[0\]\.data\.spikes\.time_ms\[0\]: spike at 8 ms is after the run ends \(duration 5 ms\)/);
    expect(io.out).toMatch(/late-spike\.snn\.json: valid/);
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

  it('refuses a device, a FIFO and a folder with exit 3 and one line, without reading them', async () => {
    const zero = recordingIo(dir);
    expect(await main(['validate', '/dev/zero'], zero)).toBe(3);
    expect(zero.err).toBe('snn validate: /dev/zero: cannot read the network document: it is a device, not a regular file\n');
    // A FIFO with no writer: opening it must not block, and nothing is read from it.
    execFileSync('mkfifo', [join(dir, 'pipe.snn.json')]);
    const fifo = recordingIo(dir);
    expect(await main(['validate', 'pipe.snn.json'], fifo)).toBe(3);
    expect(fifo.err).toBe('snn validate: pipe.snn.json: cannot read the network document: it is a FIFO (named pipe), not a regular file\n');
    const folder = recordingIo(dir);
    expect(await main(['validate', '.'], folder)).toBe(3);
    expect(folder.err).toBe('snn validate: .: cannot read the network document: it is a folder\n');
  });

  it('reads at most the size limit', () => {
    writeFileSync(join(dir, 'eleven.json'), '[1,2,3,4,5]');
    expect(readTextFile(recordingIo(dir), 'eleven.json', 'test file', 11).text).toBe('[1,2,3,4,5]');
    expect(() => readTextFile(recordingIo(dir), 'eleven.json', 'test file', 10))
      .toThrow(new CliError(EXIT.invalidInput, 'eleven.json: cannot read the test file: it is larger than the limit of 10 bytes'));
    expect(MAX_INPUT_BYTES).toBe(256 * 2 ** 20);
  });

  it('accepts a BOM and reports a duplicate key and an out-of-range number with their place', async () => {
    const t = JSON.stringify(valid(), null, 2);
    expect((await validateText('bom.snn.json', `\ufeff${t}`)).code).toBe(0);
    const dup = await validateText('dup.snn.json', t.replace('"size": 1,', '"size": 1, "size": 100000000,'));
    expect(dup.code).toBe(3);
    expect(dup.io.err).toMatch(/error: nodes\[\d\]\.size: the key "size" appears twice in one object, at line \d+, column \d+ and at line \d+, column \d+/);
    const big = await validateText('big.snn.json', t.replace('"dt_ms": 0.1', '"dt_ms": 1e400'));
    expect(big.code).toBe(3);
    expect(big.io.err).toMatch(/error: simulation\.dt_ms: number 1e400 at line \d+, column \d+ is out of range/);
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
