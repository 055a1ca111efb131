// Adapter from the app's RunController (src/renderer/run) to the 3D view's ActivitySource: every chunk the run
// stores is passed on, and a new run (runId changes) resets the view before its first chunk.
import type { RunChunk } from '../../shared/engine/types';
import type { ActivitySource } from './activity';

/** The part of RunController the view needs (kept structural so the view does not depend on the worker). */
export interface RunFeed {
  runId: number;
  subscribe(listener: () => void): () => void;
  onChunk(listener: (c: RunChunk) => void): () => void;
}

export function runSource(ctrl: RunFeed): ActivitySource {
  return {
    subscribe(onChunk, onReset) {
      let runId = ctrl.runId;
      const offState = ctrl.subscribe(() => {
        if (ctrl.runId !== runId) { runId = ctrl.runId; onReset?.(); }
      });
      const offChunk = ctrl.onChunk(onChunk);
      return () => { offState(); offChunk(); };
    },
  };
}
