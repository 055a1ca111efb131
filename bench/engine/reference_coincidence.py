# Independent reference for `npm run evaluate:coincidence`: tutorial part 1's model written directly in NumPy
# with Brian2's scheduling (state update, threshold, reset, then synaptic delivery: a spike with delay d steps
# acts on the update of step m + d + 1). Its own RNG (NumPy), so the comparison is statistical: the mean
# circular error over the same 36 IPDs should be similar. Usage: python3 bench/engine/reference_coincidence.py
# [SEED] [snn]; with "snn", SNN Studio's delivery rule (docs/engine.md, "Step order": a spike at step m with delay d arrives in
# the input of step m + max(1, d)) replaces Brian2's (m + d + 1), to separate scheduling from implementation.
import numpy as np

dt, T, f, rmax, N, tau = 1e-4, 1.0, 50.0, 400.0, 100, 1e-3
steps = int(round(T / dt))
best_ipd = 2 * np.pi * np.arange(N) / (N - 1)
best_itd = best_ipd / (2 * np.pi * f)
d1 = np.round(best_itd / dt).astype(int)  # ear-1 delay per detector, in steps
t = np.arange(steps) * dt

def run(ipd, rng):
    itd = ipd / (2 * np.pi * f)
    rates = np.stack([rmax * 0.5 * (1 + np.sin(2 * np.pi * f * t + e * ipd)) for e in (0, 1)])
    rates[0, t < itd] = rmax * 0.5            # the tone has not reached the delayed ear yet
    rates[1, t > T - itd] = rmax * 0.5        # the leading ear after the tone (docs/engine.md, "Inputs": the onset rule)
    spikes = rng.random((2, steps)) < rates * dt
    inp = np.zeros((steps + d1.max() + 2, N))
    for m in np.nonzero(spikes[0])[0]:
        inp[m + 1] += 0.5
    for m in np.nonzero(spikes[1])[0]:
        inp[m + (np.maximum(d1, 1) if SNN else d1 + 1), np.arange(N)] += 0.5
    v, count, decay = np.zeros(N), np.zeros(N, int), np.exp(-dt / tau)
    for n in range(steps):
        v = v * decay + inp[n]
        fired = v > 1
        count += fired
        v[fired] = 0
    return count

def circ_err(a, b):
    d = (a - b) % 360
    return min(d, 360 - d)

def circ_mean(deg):
    r = np.deg2rad(deg)
    return np.rad2deg(np.arctan2(np.sin(r).sum(), np.cos(r).sum())) % 360

import sys
rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
SNN = len(sys.argv) > 2 and sys.argv[2] == 'snn'
errs = []
for k in range(36):
    ipd = 10 * k
    c = run(np.deg2rad(ipd), rng)
    est = circ_mean(np.rad2deg(best_ipd[c == c.max()]))
    errs.append(circ_err(est, ipd))
    print(f"ipd {ipd:3d}  estimate {est:6.1f}  error {errs[-1]:5.1f}")
print(f"mean circular error (reference, {'SNN Studio' if SNN else 'Brian2'} scheduling, NumPy RNG): {np.mean(errs):.1f} deg")
