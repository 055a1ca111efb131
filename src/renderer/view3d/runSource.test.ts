// The run adapter: chunks pass through in order, a new run resets the view before its first chunk.
import { describe, expect, it } from 'vitest';
import type { RunChunk } from '../../shared/engine/types';
import { runSource, type RunFeed } from './runSource';

class FakeRun implements RunFeed {
  runId = 0;
  private states = new Set<() => void>();
  private chunks = new Set<(c: RunChunk) => void>();
  subscribe(l: () => void) { this.states.add(l); return () => { this.states.delete(l); }; }
  onChunk(l: (c: RunChunk) => void) { this.chunks.add(l); return () => { this.chunks.delete(l); }; }
  start() { this.runId++; this.states.forEach((l) => l()); }
  chunk(stepStart: number) { const c: RunChunk = { stepStart, stepEnd: stepStart + 10, spikes: {}, traces: {} }; this.chunks.forEach((l) => l(c)); this.states.forEach((l) => l()); }
}

describe('runSource', () => {
  it('forwards chunks, resets on a new run, and stops after unsubscribe', () => {
    const run = new FakeRun();
    const log: string[] = [];
    const off = runSource(run).subscribe((c) => log.push(`chunk ${c.stepStart}`), () => log.push('reset'));
    run.start(); run.chunk(0); run.chunk(10);
    run.start(); run.chunk(0);
    off();
    run.chunk(10);
    expect(log).toEqual(['reset', 'chunk 0', 'chunk 10', 'reset', 'chunk 0']);
  });
});
