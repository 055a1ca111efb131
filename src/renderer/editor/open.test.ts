// Opening file text: valid documents load; damaged, foreign and newer-version files give a clear message.
import { describe, it, expect } from 'vitest';
import lifNeuron from '../../../resources/examples/lif-neuron.snn.json';
import { openDocumentText } from './open';

const example = JSON.stringify(lifNeuron, null, 2);

describe('openDocumentText', () => {
  it('opens a valid example', () => {
    const r = openDocumentText(example, 'lif-neuron.snn.json');
    expect(r.ok && r.doc.nodes.map((n) => n.id)).toEqual(['input', 'neuron']);
  });
  it('says a truncated file is damaged', () => {
    const r = openDocumentText(example.slice(0, 100), 'x.snn.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.title).toBe('Cannot open x.snn.json');
    expect(!r.ok && r.message).toMatch(/damaged or not a network file: not valid JSON.*It was not changed/);
  });
  it('says a newer version needs a newer app', () => {
    const doc = JSON.parse(example);
    doc.version = 99;
    const r = openDocumentText(JSON.stringify(doc), 'new.snn.json');
    expect(!r.ok && r.message).toMatch(/newer version of SNN Studio.*version 99/);
  });
  it('lists every problem of an invalid network with its path', () => {
    const doc = JSON.parse(example);
    doc.nodes[1].params.tau_ms = -5;
    doc.projections[0].target = 'nowhere';
    const r = openDocumentText(JSON.stringify(doc), 'bad.snn.json');
    expect(!r.ok && r.message).toMatch(/2 problems/);
    expect(!r.ok && r.details).toEqual([
      'error: nodes[1].params.tau_ms: -5 ms is not above the minimum 0 ms',
      'error: projections[0].target: no node has id "nowhere"',
    ]);
  });
});
