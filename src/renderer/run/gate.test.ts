import { describe, expect, it } from 'vitest';
import type { Diagnostic, NetworkDocument } from '../../shared/graph';
import { DraftRegistry } from '../inspector/drafts';
import { runBlockers } from './gate';

const doc = (nodes: number) => ({ nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}` })) }) as unknown as NetworkDocument;
const warn: Diagnostic = { severity: 'warning', path: 'simulation.dt_ms', message: 'dt 1 ms is above 0.1 ms', ownerId: 'hh' };
const err: Diagnostic = { severity: 'error', path: 'nodes[0].params.tau_ms', message: 'must be above 0', ownerId: 'pop' };

describe('what stops a run', () => {
  it('lets a valid network run, with its warnings listed', () => {
    const g = runBlockers(doc(1), [warn], []);
    expect(g.blocked).toBe(false);
    expect(g.warnings).toEqual([{ text: 'simulation.dt_ms: dt 1 ms is above 0.1 ms', ownerId: 'hh' }]);
  });
  it('blocks on a red field (typed, not applied), naming it and where to go', () => {
    const g = runBlockers(doc(1), [], [{ id: 'f1', label: 'Duration', error: 'must be above 0' }]);
    expect(g.blocked).toBe(true);
    expect(g.blockers).toEqual([{ text: 'Duration: must be above 0', fieldId: 'f1' }]);
  });
  it('blocks on document errors and on an empty network, never on warnings alone', () => {
    expect(runBlockers(doc(1), [err, warn], []).blockers).toEqual([{ text: 'nodes[0].params.tau_ms: must be above 0', ownerId: 'pop' }]);
    expect(runBlockers(doc(0), [], []).blockers[0].text).toMatch(/empty/);
    expect(runBlockers(doc(1), [warn, warn], []).blocked).toBe(false);
  });
});

describe('the page\'s list of red fields', () => {
  it('records, updates and clears a field, notifying only on change', () => {
    const r = new DraftRegistry();
    let calls = 0;
    r.subscribe(() => calls++);
    r.set('a', { id: 'a', label: 'tau', error: 'must be above 0' });
    r.set('a', { id: 'a', label: 'tau', error: 'must be above 0' });
    expect(calls).toBe(1);
    const first = r.list();
    r.set('b', { id: 'b', label: 'Duration', error: 'enter a number' });
    expect(r.list().map((d) => d.label)).toEqual(['tau', 'Duration']);
    expect(first).toHaveLength(1); // snapshots are immutable (useSyncExternalStore compares them)
    r.set('a', null);
    r.set('zzz', null);
    expect(r.list().map((d) => d.id)).toEqual(['b']);
    expect(calls).toBe(3);
  });
});
