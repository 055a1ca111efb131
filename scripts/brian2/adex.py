# Brian2 reference for the AdEx model (src/shared/models/adex.ts), run by hand with Debian's python3-brian:
#   /usr/bin/python3 scripts/brian2/adex.py > adex-brian2.json
# One neuron, Brette & Gerstner (2005) parameters, a 1 nA (1000 pA) step from 20 to 320 ms, dt 0.1 ms, forward Euler
# (Brian2's 'euler'), threshold v > v_peak, reset v <- v_reset, w <- w + b. Prints spike times (ms) as JSON.
import json
from brian2 import *

prefs.codegen.target = 'numpy'
defaultclock.dt = 0.1 * ms
C = 281 * pF; gL = 30 * nS; EL = -70.6 * mV; VT = -50.4 * mV; DeltaT = 2 * mV
tauw = 144 * ms; a = 4 * nS; b = 80.5 * pA; Vr = -70.6 * mV; Vpeak = 20 * mV
eqs = '''
dv/dt = (-gL*(v - EL) + gL*DeltaT*exp((v - VT)/DeltaT) - w + I)/C : volt
dw/dt = (a*(v - EL) - w)/tauw : amp
I = 1000*pA * int(t >= 20*ms) * int(t < 320*ms) : amp
'''
G = NeuronGroup(1, eqs, threshold='v > Vpeak', reset='v = Vr; w += b', method='euler')
G.v = EL
S = SpikeMonitor(G)
run(400 * ms)
print(json.dumps({'dt_ms': 0.1, 'spike_ms': [float(x / ms) for x in S.t]}))
