// `snn export --format pynn`: the script is written for a mappable network; an unmappable one exits 3 naming the
// node, and nothing is written (docs/cli.md, docs/formats.md "PyNN and Brian2 scripts").
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { recordingIo } from '../../../test/cli/test-io';

const ex = (f: string) => join(__dirname, '../../../resources/examples', f);
const dir = mkdtempSync(join(tmpdir(), 'snn-export-'));
const run = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(args, io); return { code, io }; };

describe('snn export --format pynn', () => {
  it('writes the COBA script with the seed\'s connectivity; a different seed gives different connections', async () => {
    const a = await run('export', ex('coba.snn.json'), '--format', 'pynn', '--out', 'a.py', '--set', 'exc.size=80', '--set', 'inh.size=20', '--set', 'kick.size=20');
    expect(a.code, a.io.err).toBe(0);
    const b = await run('export', ex('coba.snn.json'), '--format', 'pynn', '--out', 'b.py', '--seed', '2', '--set', 'exc.size=80', '--set', 'inh.size=20', '--set', 'kick.size=20');
    expect(b.code, b.io.err).toBe(0);
    const ta = readFileSync(join(dir, 'a.py'), 'utf8'), tb = readFileSync(join(dir, 'b.py'), 'utf8');
    expect(ta).toMatch(/pop_exc = sim\.Population\(80, sim\.IF_cond_exp\(/);
    expect(ta).toContain('seed 1.');
    expect(tb).toContain('seed 2.');
    expect(ta).not.toBe(tb);
  });

  it('refuses a network it cannot represent: exit 3, the node named, nothing written', async () => {
    const r = await run('export', ex('hodgkin-huxley.snn.json'), '--format', 'pynn', '--out', 'c.py');
    expect(r.code).toBe(3);
    expect(r.io.err).toContain('cannot export node "current": input "current" is a current source');
    expect(existsSync(join(dir, 'c.py'))).toBe(false);
  });
});

describe('snn export --format brian2', () => {
  it('writes the coincidence-detection script with the ears\' realised trains', async () => {
    const r = await run('export', ex('coincidence-detection.snn.json'), '--format', 'brian2', '--out', 'cd.py');
    expect(r.code, r.io.err).toBe(0);
    expect(r.io.err).toContain('wrote cd.py (Brian2 script)');
    const text = readFileSync(join(dir, 'cd.py'), 'utf8');
    expect(text).toMatch(/pop_ears = SpikeGeneratorGroup\(2, \[/);
    expect(text).toContain('syn_ears_detectors.connect(i=np.repeat(np.arange(2), 100), j=np.tile(np.arange(100), 2))');
  });

  it('refuses Hodgkin-Huxley: exit 3, the node and reason named, nothing written', async () => {
    const r = await run('export', ex('hodgkin-huxley.snn.json'), '--format', 'brian2', '--out', 'hh.py');
    expect(r.code).toBe(3);
    expect(r.io.err).toContain('cannot export node "neuron": model "hodgkin_huxley" has no Brian2 form');
    expect(existsSync(join(dir, 'hh.py'))).toBe(false);
  });

  it('--weights: the trained weights file\'s values are the script\'s weights; a file that does not fit exits 3', async () => {
    const imm = ['--set', 'hidden.reset_timing=immediate'];
    const j = await run('export', ex('sound-localisation.snn.json'), ...imm, '--format', 'json', '--out', 'slw.json');
    expect(j.code, j.io.err).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'slw.json'), 'utf8'));
    file.projections.in_hidden.weights[0][0] = 0.125; // a value no seeded draw gives
    file.projections.hidden_out.weights[3][2] = -0.375;
    writeFileSync(join(dir, 'slw.json'), JSON.stringify(file));
    const r = await run('export', ex('sound-localisation.snn.json'), ...imm, '--format', 'brian2', '--weights', 'slw.json', '--out', 'sl.py');
    expect(r.code, r.io.err).toBe(0);
    const text = readFileSync(join(dir, 'sl.py'), 'utf8');
    expect(text).toMatch(/syn_in_hidden\.w = \[0\.125, /);
    // hidden_out is 30 → 12, row-major [pre][post]: (3, 2) is synapse 3·12 + 2.
    const w = /syn_hidden_out\.w = \[([^\]]*)\]/.exec(text)![1].split(', ').map(Number);
    expect(w[3 * 12 + 2]).toBe(-0.375);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...file, projections: { in_hidden: file.projections.in_hidden } }));
    const bad = await run('export', ex('sound-localisation.snn.json'), ...imm, '--format', 'pynn', '--weights', 'bad.json', '--out', 'bad.py');
    expect(bad.code).toBe(3);
    expect(bad.io.err).toContain('bad.json');
    expect(existsSync(join(dir, 'bad.py'))).toBe(false);
  });
});
