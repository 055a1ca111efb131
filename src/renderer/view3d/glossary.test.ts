import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import lif from '../../../resources/examples/lif-neuron.snn.json';
import { GLOSSARY, networkGlossary } from './glossary';

const load = (json: unknown): NetworkDocument => {
  const r = loadDocument(json);
  if (!r.ok) throw new Error('example does not load');
  return r.doc;
};

describe('networkGlossary', () => {
  it('speaks about the coincidence-detection network: its delay lines and its 1 ms coincidence detectors first', () => {
    const entries = networkGlossary(load(coincidence));
    expect(entries[0].term).toBe('Delay lines (this network)');
    expect(entries[0].text).toMatch(/^Ears → Coincidence detectors: every synapse has its own delay/);
    expect(entries[1].term).toBe('Coincidence detection (Coincidence detectors)');
    expect(entries[1].text).toContain('membrane time constant of 1 ms');
    expect(entries.slice(2)).toEqual(Object.values(GLOSSARY));
  });

  it('a network without delay lines gets the general glossary only', () => {
    expect(networkGlossary(load(lif))).toEqual(Object.values(GLOSSARY));
  });

  it('delay lines onto slow integrators (tau above 2 ms) are not called coincidence detectors', () => {
    const doc = load(coincidence);
    const detectors = doc.projections[0].target;
    const slow = { ...doc, nodes: doc.nodes.map((n) => (n.id === detectors ? { ...n, params: { ...n.params, tau_ms: 20 } } : n)) };
    expect(networkGlossary(slow).map((e) => e.term)).not.toContain('Coincidence detection (Coincidence detectors)');
  });
});
