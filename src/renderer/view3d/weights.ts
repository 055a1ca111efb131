// The plastic weights the 3D view has seen over a run: snapshots (step → the sampled synapses' weights by
// projection) in step order, so the view at time t shows the last reading at or before t, whether it plays,
// scrubs back or stays live. Bounded: at most `max` snapshots (default 512). When a reading would exceed it, the
// history keeps readings at least `gap` steps apart, with gap = span of the run so far / (max/2) (never shrinking),
// plus the first (step 0) and the newest; later readings closer than gap to the last kept one replace the newest
// instead of adding one. So the kept readings stay evenly spread over the whole run (≥ max/2 of them once thinned),
// old times included. A snapshot is ≤ 200 floats a plastic projection (the drawn sample): 512 take ≤ 400 kB.

export interface WeightSnapshot {
  /** The engine's step count when read: the weights at the end of step `step − 1`, i.e. at time step·dt. */
  step: number;
  /** By projection id: the sampled synapses' weights, in the sample's order. */
  weights: Record<string, Float32Array>;
}

export const MAX_WEIGHT_SNAPSHOTS = 512;

export class WeightHistory {
  private list: WeightSnapshot[] = [];
  /** Kept readings are at least this many steps apart (0 until the first thinning). */
  private gap = 0;
  /** Bumped on every change. */
  version = 0;

  constructor(readonly max = MAX_WEIGHT_SNAPSHOTS) {
    if (max < 4) throw new Error('WeightHistory keeps at least 4 snapshots');
  }

  get size(): number { return this.list.length; }
  get latest(): WeightSnapshot | null { return this.list.at(-1) ?? null; }
  /** Steps of the kept snapshots, ascending (for tests and the docs' bound). */
  steps(): number[] { return this.list.map((s) => s.step); }

  /** A reading at `step`; a second reading at the same step replaces the first. */
  add(step: number, weights: Record<string, Float32Array>): void {
    const snap: WeightSnapshot = { step, weights };
    const n = this.list.length, last = this.list[n - 1], prev = this.list[n - 2];
    if (last && step > last.step) {
      // The newest moves on while it is closer than gap to the kept one before it.
      if (prev && last.step - prev.step < this.gap) this.list[n - 1] = snap;
      else this.list.push(snap);
    } else {
      const at = this.upperBound(step); // first snapshot with a larger step
      if (at > 0 && this.list[at - 1].step === step) this.list[at - 1] = snap;
      else this.list.splice(at, 0, snap);
    }
    if (this.list.length > this.max) this.thin();
    this.version++;
  }

  /** The last snapshot at or before `step`, or null when the first reading is later. */
  at(step: number): WeightSnapshot | null {
    const i = this.upperBound(step) - 1;
    return i >= 0 ? this.list[i] : null;
  }

  private upperBound(step: number): number {
    let lo = 0, hi = this.list.length;
    while (lo < hi) { const m = (lo + hi) >>> 1; if (this.list[m].step <= step) lo = m + 1; else hi = m; }
    return lo;
  }

  /** Keep readings ≥ gap apart (gap from the span so far), the first and the newest: ≤ max/2 + 2 of them. */
  private thin(): void {
    const first = this.list[0], newest = this.list[this.list.length - 1];
    this.gap = Math.max(this.gap, (newest.step - first.step) / Math.floor(this.max / 2));
    const out = [first];
    for (let i = 1; i < this.list.length - 1; i++) if (this.list[i].step - out[out.length - 1].step >= this.gap) out.push(this.list[i]);
    out.push(newest);
    this.list = out;
  }
}
