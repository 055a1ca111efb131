// Feeding the view: takes RunChunks (an array that grows during a run, or a subscribable source) and keeps one
// ActivityStore up to date, starting over when the run restarts. Also the per-population view parameters.
import { useEffect, useRef } from 'react';
import type { RunChunk } from '../../shared/engine/types';
import type { NetworkDocument, NetworkNode } from '../../shared/graph/schema';
import { getModel } from '../../shared/models';
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

/** A numeric parameter of a node, or the catalogue's default. */
export function numParam(node: NetworkNode, name: string): number | undefined {
  const v = node.params[name] ?? getModel(node.model)?.params.find((p) => p.name === name)?.default;
  return typeof v === 'number' ? v : undefined;
}

/** Flash time constant: the membrane tau of the model, 2 ms for inputs and models without one. */
export function membraneTauMs(node: NetworkNode): number {
  return numParam(node, 'tau_ms') ?? numParam(node, 'tau_m_ms') ?? 2;
}

/** Rest and threshold of a node's membrane potential, for the colour scale (0 at rest, 1 at threshold). */
export function potentialRange(node: NetworkNode): [number, number] {
  const rest = numParam(node, 'v_rest') ?? numParam(node, 'e_l') ?? 0;
  const th = numParam(node, 'v_th') ?? numParam(node, 'v_peak') ?? rest + 1;
  return th > rest ? [rest, th] : [rest, rest + 1];
}

/** Playback speed (simulated ms per view second) that shows a run of this length in about a minute. */
export function defaultSpeed(doc: NetworkDocument): number {
  const want = doc.simulation.duration_ms / 60;
  return SPEEDS.find((s) => s >= want) ?? SPEEDS[SPEEDS.length - 1];
}

export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
