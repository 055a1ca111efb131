// The engine worker's plastic-weight readings for the 3D view: only the sampled synapses (Engine.readWeights with
// indices: a gather, not the whole buffer), only while the view is open (after each slice, and once on opening so
// the view is current at once), plus once at the end of the run (the engine is disposed then, so a view opened
// afterwards still shows the final weights). The compiled weights at step 0 come from the IR, with no readback.
import type { NetworkIR } from '../../shared/compiler';
import type { Engine } from '../../shared/engine/types';
import { sampleWeights } from '../view3d/ir';

export interface WeightSample { id: string; index: Uint32Array }
export type WeightsMessage = { type: 'weights'; step: number; weights: Record<string, Float32Array> };

export class ViewWeights {
  /** Whether the 3D view is open (the controller says so). */
  open = false;
  /** Readback count, for tests. */
  reads = 0;
  private lastStep = -1;
  private pending: Promise<void> = Promise.resolve();

  constructor(readonly sample: readonly WeightSample[], private readonly post: (m: WeightsMessage) => void) {}

  /** The compiled (initial) weights of the sample, as the step-0 reading: from the IR, no readback. */
  initial(ir: NetworkIR): void {
    if (!this.sample.length) return;
    const weights: Record<string, Float32Array> = {};
    for (const s of this.sample) weights[s.id] = sampleWeights(ir.projections.find((p) => p.id === s.id)!.weight, s.index);
    this.post({ type: 'weights', step: 0, weights });
  }

  /** After each slice of the run: read when the view is open. */
  afterSlice(engine: Engine): Promise<void> {
    return this.open ? this.read(engine) : this.pending;
  }

  /** The view opened or closed. Opening reads at once when the engine is idle (paused); while it runs, the next
   *  slice reads anyway. */
  setOpen(open: boolean, engine: Engine | null, busy: boolean): Promise<void> {
    this.open = open;
    return open && engine && !busy ? this.read(engine) : this.pending;
  }

  /** The run ends: read the final weights unless that step was read already. */
  atEnd(engine: Engine): Promise<void> {
    return this.read(engine);
  }

  /** Resolves when no reading is in flight (the worker waits for it before running more steps). */
  settled(): Promise<void> { return this.pending; }

  private read(engine: Engine): Promise<void> {
    const p = this.pending.then(async () => {
      const step = engine.step;
      if (!this.sample.length || step === this.lastStep) return;
      const weights: Record<string, Float32Array> = {};
      for (const s of this.sample) weights[s.id] = await engine.readWeights(s.id, s.index);
      this.reads++;
      this.lastStep = step;
      this.post({ type: 'weights', step, weights });
    });
    this.pending = p.catch(() => undefined); // a failed read is the caller's error; later reads still run
    return p;
  }
}
