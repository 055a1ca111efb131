"""The COBA benchmark network of resources/examples/coba.snn.json in Brian2, for `npm run bench:peers`.

Same network as SNN Studio's document: 3200 excitatory + 800 inhibitory LIF neurons (tau 20 ms, rest and
reset -60 mV, threshold -50 mV, refractory 5 ms, v(0) = -60 mV), conductance synapses in units of the leak
conductance (exc: tau 5 ms, E 0 mV, w 0.6; inh: tau 10 ms, E -80 mV, w 6.7), p = 0.02 (no self-connections
within a population), a 400-neuron Poisson kick at 200 Hz during the first 50 ms, spike monitors on both
populations and v of 3 excitatory neurons, dt 0.1 ms. Connectivity is Brian2's own random draw (the same
rule, not the same synapses), so spike counts agree in rate, not exactly.

Prints one JSON line: target, build_s (the first 1-step run: code generation and, for cython, compilation),
run_s (the timed run of --duration-ms after it, the figure compared), spike counts and rates.
Run with Debian's interpreter: /usr/bin/python3 bench/peers/coba_brian2.py --target cython
"""
import argparse
import json
import time

from brian2 import (NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, StateMonitor, Network, defaultclock,
                    prefs, ms, mV, Hz, seed)

ap = argparse.ArgumentParser()
ap.add_argument('--target', choices=['numpy', 'cython'], default='cython')
ap.add_argument('--duration-ms', type=float, default=1000.0)
args = ap.parse_args()

prefs.codegen.target = args.target
defaultclock.dt = 0.1 * ms
seed(1)

eqs = '''
dv/dt = (v_rest - v + ge * (e_exc - v) + gi * (e_inh - v)) / tau : volt (unless refractory)
dge/dt = -ge / tau_e : 1
dgi/dt = -gi / tau_i : 1
'''
ns = dict(v_rest=-60 * mV, e_exc=0 * mV, e_inh=-80 * mV, tau=20 * ms, tau_e=5 * ms, tau_i=10 * ms)
exc = NeuronGroup(3200, eqs, threshold='v > -50*mV', reset='v = -60*mV', refractory=5 * ms,
                  method='exponential_euler', namespace=ns)
inh = NeuronGroup(800, eqs, threshold='v > -50*mV', reset='v = -60*mV', refractory=5 * ms,
                  method='exponential_euler', namespace=ns)
exc.v = -60 * mV
inh.v = -60 * mV
kick = PoissonGroup(400, rates='200*Hz * int(t < 50*ms)')

synapses = []
for src, dst, on_pre, same in [(kick, exc, 'ge += 0.6', False), (kick, inh, 'ge += 0.6', False),
                               (exc, exc, 'ge += 0.6', True), (exc, inh, 'ge += 0.6', False),
                               (inh, exc, 'gi += 6.7', False), (inh, inh, 'gi += 6.7', True)]:
    s = Synapses(src, dst, on_pre=on_pre)
    s.connect(condition='i != j' if same else None, p=0.02)
    synapses.append(s)

m_exc, m_inh = SpikeMonitor(exc), SpikeMonitor(inh)
trace = StateMonitor(exc, 'v', record=[0, 1, 2])
net = Network(exc, inh, kick, *synapses, m_exc, m_inh, trace)

t0 = time.perf_counter()
net.run(defaultclock.dt)
build_s = time.perf_counter() - t0
t0, c0 = time.perf_counter(), time.process_time()
net.run(args.duration_ms * ms)
run_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0

dur_s = args.duration_ms / 1000
print(json.dumps({
    'peer': 'brian2', 'target': args.target, 'duration_ms': args.duration_ms, 'build_s': build_s, 'run_s': run_s, 'cpu_s': cpu_s,
    'synapses': int(sum(len(s) for s in synapses)),
    'spikes': {'exc': int(m_exc.num_spikes), 'inh': int(m_inh.num_spikes)},
    'rate_hz': {'exc': m_exc.num_spikes / 3200 / dur_s, 'inh': m_inh.num_spikes / 800 / dur_s},
}))
