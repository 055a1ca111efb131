// The hostile inputs of issue 11, generated into a temporary folder at test time (nothing big is kept in the
// repo): crafted documents and weights files, written compactly (repeated strings, sparse files) so that even
// the 1e6-monitor and 300 MiB cases cost little disk and time. Used by test/hostile-input.test.ts; the rules
// each case exercises are in docs/file-format.md ("Limits") and docs/cli.md ("Input files", "Limits").
import { closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../', import.meta.url).pathname;
export const example = (name: string) => join(repoRoot, 'resources/examples', `${name}.snn.json`);

/** A small valid document (one LIF neuron driven by three input spikes) as a plain object to mutate. */
export function lifDoc(): any {
  return JSON.parse(readFileSync(example('lif-neuron'), 'utf8'));
}

/** A document of two LIF populations of `n` neurons joined all-to-all. */
export function pairDoc(n: number): any {
  return {
    format: 'snn-network', version: 1, meta: { name: 'pair' },
    nodes: [{ id: 'a', kind: 'population', model: 'lif', size: n }, { id: 'b', kind: 'population', model: 'lif', size: n }],
    projections: [{ id: 'p', source: 'a', target: 'b', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 } }],
  };
}

const json = (d: unknown) => JSON.stringify(d);

/**
 * Every generated fixture: file name → contents (text), or a number for a sparse file of that many bytes.
 * Names end in .snn.json (documents) or .json (weights).
 */
export function hostileFixtures(): Record<string, string | { sparseBytes: number }> {
  const lif = json(lifDoc());
  const withDoc = (f: (d: any) => void) => { const d = lifDoc(); f(d); return json(d); };
  // 1e6 monitors, spliced in as one repeated string (≈ 50 MB would be slow to build as objects; this is ≈ 45 MB of text).
  const manyMonitors = (() => {
    const head = lif.slice(0, lif.indexOf('"monitors":[') + '"monitors":['.length);
    const tail = lif.slice(lif.indexOf(']', head.length));
    const one = (i: number) => `{"id":"m${i}","kind":"spikes","target":"neuron"}`;
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(one(i));
    return head + parts.join(',') + tail;
  })();
  return {
    'deep.snn.json': '['.repeat(100_000) + ']'.repeat(100_000),
    'deep-object.snn.json': '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
    'duplicate-key.snn.json': lif.replace('"size":1,', '"size":1,"size":2,'),
    'proto-key.snn.json': lif.replace('"params":{', '"params":{"__proto__":{"polluted":1},'),
    'constructor-key.snn.json': lif.replace('"meta":{', '"meta":{"constructor":1,'),
    'proto-id.snn.json': withDoc((d) => { d.nodes[1].id = '__proto__'; d.projections[0].target = '__proto__'; d.monitors = []; d.layout = undefined; }),
    'bom.snn.json': '\uFEFF' + lif,
    'number-1e400.snn.json': lif.replace('"tau_ms":50', '"tau_ms":1e400'),
    'huge-size.snn.json': withDoc((d) => { d.nodes[1].size = 1e12; }),
    'size-1e308.snn.json': withDoc((d) => { d.nodes[1].size = 1e308; }),
    'all-to-all-1e6.snn.json': json(pairDoc(1e6)),
    'duration-1e9.snn.json': withDoc((d) => { d.simulation.duration_ms = 1e9; }),
    'dt-1e-300.snn.json': withDoc((d) => { d.simulation.dt_ms = 1e-300; }),
    'monitors-1e6.snn.json': manyMonitors,
    'record-1e5-neurons.snn.json': json({ format: 'snn-network', version: 1, meta: { name: 'rec' }, simulation: { duration_ms: 10_000 },
      nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1e5 }], monitors: [{ id: 'm', kind: 'state', target: 'a', variable: 'v' }] }),
    'long-expression.snn.json': withDoc((d) => { d.projections[0].delay = { kind: 'expression', expr: '1+'.repeat(6000) + '1' }; }),
    'deep-expression.snn.json': withDoc((d) => { d.projections[0].delay = { kind: 'expression', expr: '('.repeat(1000) + '1' + ')'.repeat(1000) }; }),
    'weight-1e308.snn.json': withDoc((d) => { d.projections[0].weight.value = 1e308; }),
    // Found by test/fuzz.test.ts (seed 12): Hodgkin–Huxley sub-steps dt in 0.025 ms pieces, so one step of
    // dt 2^32 ms was 1.7e11 updates — a run that never ends, now refused by the budget.
    'hh-dt-2e32.snn.json': (() => { const d = JSON.parse(readFileSync(example('hodgkin-huxley'), 'utf8')); d.simulation.dt_ms = 4294967296; return json(d); })(),
    'seed-1e300.snn.json': withDoc((d) => { d.simulation.seed = 1e300; }),
    'delay-1e300.snn.json': withDoc((d) => { d.projections[0].delay.ms = 1e300; }),
    'truncated.snn.json': lif.slice(0, lif.length >> 1),
    'not-utf8.snn.json': Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1'),
    'empty.snn.json': '',
    'oversize.snn.json': { sparseBytes: 300 * 2 ** 20 },
  };
}

/** Write every fixture into `dir` (sparse files take no disk). */
export function writeHostileFixtures(dir: string): void {
  for (const [name, content] of Object.entries(hostileFixtures())) {
    const p = join(dir, name);
    if (typeof content === 'string') writeFileSync(p, content, name === 'not-utf8.snn.json' ? 'latin1' : 'utf8');
    else { const fd = openSync(p, 'w'); ftruncateSync(fd, content.sparseBytes); closeSync(fd); }
  }
}
