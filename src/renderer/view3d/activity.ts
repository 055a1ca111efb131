// Feeding the view: takes RunChunks (an array that grows during a run, or a subscribable source) and keeps one
// ActivityStore up to date, starting over when the run restarts. Also the per-population view parameters.
import { useEffect, useRef } from 'react';
import type { RunChunk } from '../../shared/engine/types';
import type { NetworkDocument, NetworkNode } from '../../shared/graph/schema';
import { getModel, isPerNeuron, perNeuronSummary } from '../../shared/models';
import { ActivityStore } from './timeline';

/** Chunks pushed as they come (the engine's onChunk); onReset when a new run starts from t = 0. */
export interface ActivitySource {
  subscribe(onChunk: (chunk: RunChunk) => void, onReset?: () => void): () => void;
}

/** The store behind the view; `chunks` is read incrementally (same array grown, or a new array). */
export function useActivityStore(dtMs: number, chunks?: readonly RunChunk[], source?: ActivitySource, onReset?: () => void) {
  const reset = useRef(onReset);
  reset.current = onReset;
  const store = useRef<ActivityStore>(null as unknown as ActivityStore);
  if (!store.current || store.current.dtMs !== dtMs) store.current = new ActivityStore(dtMs);
  const fed = useRef<{ first: RunChunk | undefined; count: number }>({ first: undefined, count: 0 });

  useEffect(() => {
    if (!chunks) return;
    const f = fed.current;
    // A shorter array or a different first chunk: a new run. Start over.
    if (chunks.length < f.count || (f.count > 0 && chunks[0] !== f.first)) {
      store.current = new ActivityStore(dtMs);
      f.count = 0;
      reset.current?.();
    }
    for (let i = f.count; i < chunks.length; i++) store.current.ingest(chunks[i]);
    f.first = chunks[0];
    f.count = chunks.length;
  }, [chunks, dtMs]);

  useEffect(() => {
    if (!source) return;
    return source.subscribe(
      (c) => store.current.ingest(c),
      () => { store.current = new ActivityStore(dtMs); reset.current?.(); },
    );
  }, [source, dtMs]);

  return store;
}

/** A numeric parameter of a node (the mean of per-neuron values), or the catalogue's default. */
export function numParam(node: NetworkNode, name: string): number | undefined {
  const v = node.params[name] ?? getModel(node.model)?.params.find((p) => p.name === name)?.default;
  if (isPerNeuron(v)) return perNeuronSummary(v.per_neuron).mean;
  return typeof v === 'number' ? v : undefined;
}

/** The model's roles (src/shared/models/types.ts ModelRoles): which of its names is the membrane potential,
 *  rest, threshold and time constant. The view never guesses them from parameter names. */
function rolesOf(node: NetworkNode) {
  return getModel(node.model)?.roles;
}

/** The state variable holding a node's membrane potential (its model's `roles.membrane`), or null (inputs). */
export function membraneVariable(node: NetworkNode): string | null {
  return rolesOf(node)?.membrane ?? null;
}

/** Flash time constant: the model's membrane time constant (`roles.tau`), 2 ms for inputs and models without one. */
export function membraneTauMs(node: NetworkNode): number {
  const tau = rolesOf(node)?.tau;
  return (tau !== undefined ? numParam(node, tau) : undefined) ?? 2;
}

/** Rest and threshold of a node's membrane potential (its model's `roles.rest` and `roles.threshold`), for the
 *  colour scale (0 at rest, 1 at threshold); a model without a threshold (the leaky-integrator readout) spans
 *  rest to rest + 1. */
export function potentialRange(node: NetworkNode): [number, number] {
  const r = rolesOf(node);
  const rest = (r?.rest !== undefined ? numParam(node, r.rest) : undefined) ?? 0;
  const th = (r?.threshold !== undefined ? numParam(node, r.threshold) : undefined) ?? rest + 1;
  return th > rest ? [rest, th] : [rest, rest + 1];
}

/** Playback speed (simulated ms per view second) that shows a run of this length in about a minute. */
export function defaultSpeed(doc: NetworkDocument): number {
  const want = doc.simulation.duration_ms / 60;
  return SPEEDS.find((s) => s >= want) ?? SPEEDS[SPEEDS.length - 1];
}

export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
