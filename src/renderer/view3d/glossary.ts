// Teaching text for the 3D view's "Anatomy" overlay: the four labelled parts of the example cell and the
// glossary shown beside them. Plain data so the learn mode and tests can use it too.
import type { NetworkDocument } from '../../shared/graph';
import { getModel } from '../../shared/models';

export interface GlossaryEntry {
  term: string;
  /** One line, shown on the label attached to the highlighted part. */
  short: string;
  /** A short paragraph for the glossary panel. */
  text: string;
}

export const GLOSSARY = {
  neuron: {
    term: 'Neuron',
    short: 'Soma: the cell body sums its inputs and fires a spike at threshold.',
    text: 'A nerve cell. Its body (soma) adds up the small currents its synapses deliver; when its membrane ' +
      'potential crosses a threshold it fires a brief electrical pulse, a spike, and resets. Each sphere in ' +
      'this view is one neuron; it flashes when it spikes and fades with its membrane time constant.',
  },
  dendrite: {
    term: 'Dendrite',
    short: 'Dendrite: the input branch where synapses deliver current.',
    text: 'The branching input side of a neuron. Synapses sit on dendrites; the currents they inject flow to ' +
      'the soma. Here each dendrite is a short stub pointing from the soma towards where its inputs come from.',
  },
  axon: {
    term: 'Axon',
    short: 'Axon: carries the spike away from the soma, taking the synaptic delay.',
    text: 'The output cable of a neuron. A spike travels along it to every target; the time it takes is the ' +
      'synaptic delay. The moving dots on the curves are spikes in flight, arriving exactly after their delay.',
  },
  synapse: {
    term: 'Synapse',
    short: 'Synapse: where an axon meets a dendrite; its weight sets the effect.',
    text: 'The junction between one neuron\'s axon and another\'s dendrite. A spike arriving there releases ' +
      'neurotransmitter, which nudges the target\'s membrane potential up (excitatory, positive weight) or ' +
      'down (inhibitory, negative weight).',
  },
  neurotransmitter: {
    term: 'Neurotransmitter',
    short: 'Chemical messenger released at a synapse.',
    text: 'The chemical a synapse releases when a spike arrives (glutamate excites, GABA inhibits). In a ' +
      'spiking network model its whole effect is summarised by the synapse\'s weight and time constant.',
  },
  plasticity: {
    term: 'Synaptic plasticity',
    short: 'Synapses change their weight with activity.',
    text: 'Synapses strengthen or weaken with use; this is how brains learn. STDP (spike-timing-dependent ' +
      'plasticity) strengthens a synapse when its input spike comes just before the target fires and ' +
      'weakens it when it comes just after. Plastic axons here are coloured by their current weight.',
  },
  neuromorphic: {
    term: 'Neuromorphic',
    short: 'Computing built like the brain: spikes, local memory, events.',
    text: 'Hardware and software that compute the way nervous systems do: many simple units exchanging sparse ' +
      'spikes, memory kept in the synapses next to the units, work done only when events occur. Spiking ' +
      'neural networks like this one are their programs.',
  },
} as const satisfies Record<string, GlossaryEntry>;

/** The four parts labelled on the example cell, in reading order. */
export const ANATOMY_PARTS = ['neuron', 'dendrite', 'axon', 'synapse'] as const;
export type AnatomyPart = (typeof ANATOMY_PARTS)[number];

/** Label titles as shown on screen. */
export const ANATOMY_LABELS: Record<AnatomyPart, string> = {
  neuron: 'Soma (neuron)',
  dendrite: 'Dendrite',
  axon: 'Axon',
  synapse: 'Synapse',
};

/**
 * Entries about the open network itself, shown first in the glossary: its delay lines (projections whose
 * synapses have their own delays) and, where the targets of such lines forget their input within a couple of
 * milliseconds (the model's membrane time constant role, docs/models.md), coincidence detection.
 */
export function networkGlossary(doc: NetworkDocument): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const lines = doc.projections.filter((p) => p.delay.kind !== 'constant');
  if (lines.length) {
    out.push({
      term: 'Delay lines (this network)',
      short: 'Each synapse has its own delay.',
      text: `${lines.map((p) => `${name(p.source)} → ${name(p.target)}`).join(', ')}: every synapse has its own ` +
        'delay, so one spike reaches different target neurons at different times — like axons of different lengths. ' +
        'In the Jeffress model these delays compensate the time difference between the two ears.',
    });
  }
  for (const target of new Set(lines.map((p) => p.target))) {
    const node = doc.nodes.find((n) => n.id === target);
    const model = node && getModel(node.model);
    const tauName = model?.roles?.tau;
    if (!node || !model || !tauName) continue;
    const raw = node.params[tauName] ?? model.params.find((p) => p.name === tauName)?.default;
    const tau = typeof raw === 'number' ? raw : NaN;
    if (!(tau <= COINCIDENCE_TAU_MS)) continue;
    out.push({
      term: `Coincidence detection (${name(target)})`,
      short: 'Fires only when inputs arrive together.',
      text: `${name(target)} has a membrane time constant of ${tau} ms: it forgets an input within about that time, ` +
        'so it reaches threshold only when spikes arrive together. Each neuron fires most when its delay line ' +
        'cancels the time difference between its inputs — the most active neuron tells that difference.',
    });
  }
  return [...out, ...Object.values(GLOSSARY)];
}

/** A membrane time constant at or below this (ms) makes a neuron a coincidence detector rather than an integrator. */
const COINCIDENCE_TAU_MS = 2;
