import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../compiler';
import { parseDocumentText, type NetworkDocument } from '../graph';
import { brian2Script } from './brian2';
import { InteropError } from './errors';
import { documentToNir } from './nir/export';
import { pynnScript } from './pynn';

/** The lif-neuron example with its LIF population's τ given per neuron (as Apply writes trained τ). */
function perNeuronDoc(): NetworkDocument {
  const raw = JSON.parse(readFileSync('resources/examples/lif-neuron.snn.json', 'utf8'));
  const pop = raw.nodes.find((n: { model: string }) => n.model === 'lif');
  pop.params.reset_timing = 'immediate';
  pop.params.tau_ms = { per_neuron: Array.from({ length: pop.size }, (_, i) => 20 + i) };
  const r = parseDocumentText(JSON.stringify(raw));
  if (!r.ok) throw new Error(`test document invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}

// Exporting the mean of per-neuron values would silently change the network, so every exporter refuses,
// naming the node and the parameter (docs/formats.md).
describe('per-neuron parameters in the exporters', () => {
  const doc = perNeuronDoc();
  const pop = doc.nodes.find((n) => n.model === 'lif')!;
  const refused = (f: () => unknown) => {
    let err: unknown;
    try { f(); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InteropError);
    expect((err as InteropError).node).toBe(pop.id);
    expect((err as InteropError).reason).toMatch(/^tau_ms has one value per neuron/);
  };
  it('NIR, PyNN and Brian2 refuse a population whose τ is per neuron', () => {
    refused(() => documentToNir(doc));
    refused(() => pynnScript(compileNetwork(doc, { durationMs: 10 })));
    refused(() => brian2Script(compileNetwork(doc, { durationMs: 10 })));
  });
  it('the same network with one τ exports (the refusal is about per-neuron values only)', () => {
    const uniform = { ...doc, nodes: doc.nodes.map((n) => (n.id === pop.id ? { ...n, params: { ...n.params, tau_ms: 25 } } : n)) };
    expect(() => pynnScript(compileNetwork(uniform, { durationMs: 10 }))).not.toThrow();
    expect(() => brian2Script(compileNetwork(uniform, { durationMs: 10 }))).not.toThrow();
    expect(documentToNir(uniform).graph).toBeDefined();
  });
});
