// Run pressed: check the page's budget first (./run-budget.ts); over it, a dialog says what is too big and
// offers Record less (one undoable editor command), Run anyway or Cancel. docs/editor.md, "Before a run".
import { useCallback, useState } from 'react';
import type { BackendKind } from '../../shared/engine/types';
import type { EditorModel } from '../editor/model';
import type { AdapterStatus } from '../gpu/adapter';
import { checkPageRun, pageLimits, type RunBudgetWarning } from './run-budget';

export interface RunBudgetPrompt extends RunBudgetWarning {
  recordLessNow: () => void;
  runAnyway: () => void;
  cancel: () => void;
}

export function useRunBudget(model: EditorModel, adapter: AdapterStatus, notify: (m: string, kind?: 'info' | 'error') => void) {
  const [prompt, setPrompt] = useState<RunBudgetPrompt | null>(null);
  const confirmStart = useCallback((backend: BackendKind, start: () => void) => {
    const limits = pageLimits(backend === 'gpu' && adapter.state === 'found' ? adapter.adapter.limits : undefined);
    const ask = (w: RunBudgetWarning) => setPrompt({
      ...w,
      recordLessNow: () => {
        if (!w.recordLess) return;
        const r = model.limitRecordedNeurons(w.recordLess);
        if (!r.ok) { notify(r.reason, 'error'); return; }
        notify(`Recording fewer neurons in ${r.value.join(', ')} (Undo restores them)`);
        const again = checkPageRun(model.document, limits);
        if (again) ask(again);
        else { setPrompt(null); start(); }
      },
      runAnyway: () => { setPrompt(null); start(); },
      cancel: () => setPrompt(null),
    });
    const w = checkPageRun(model.document, limits);
    if (w) ask(w);
    else start();
  }, [model, adapter, notify]);
  return { confirmStart, prompt };
}
