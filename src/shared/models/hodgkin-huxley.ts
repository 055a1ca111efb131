// Hodgkin-Huxley squid axon model (standard parameters, mV / ms / µA/cm²). A spike is an upward crossing
// of spike_threshold_mV (0 mV by default).
import type { ModelSpec } from './types';

export const hodgkinHuxley: ModelSpec = {
  id: 'hodgkin_huxley',
  kind: 'neuron',
  label: 'Hodgkin-Huxley population',
  description:
    'The classic squid giant axon model: sodium (m, h) and potassium (n) gates open and close with ' +
    'voltage-dependent rates, producing action potentials. Needs a small time step (dt ≤ 0.025 ms).',
  spiking: true,
  defaultSize: 1,
  params: [
    { name: 'c_m', label: 'C_m', unit: 'µF/cm²', type: 'number', default: 1, min: 0, minExclusive: true, max: 1e3, description: 'Membrane capacitance.' },
    { name: 'g_na', label: 'g_Na', unit: 'mS/cm²', type: 'number', default: 120, min: 0, max: 1e4, description: 'Maximal sodium conductance.' },
    { name: 'g_k', label: 'g_K', unit: 'mS/cm²', type: 'number', default: 36, min: 0, max: 1e4, description: 'Maximal potassium conductance.' },
    { name: 'g_l', label: 'g_L', unit: 'mS/cm²', type: 'number', default: 0.3, min: 0, max: 1e4, description: 'Leak conductance.' },
    { name: 'e_na', label: 'E_Na', unit: 'mV', type: 'number', default: 50, min: -1e3, max: 1e3, description: 'Sodium reversal potential.' },
    { name: 'e_k', label: 'E_K', unit: 'mV', type: 'number', default: -77, min: -1e3, max: 1e3, description: 'Potassium reversal potential.' },
    { name: 'e_l', label: 'E_L', unit: 'mV', type: 'number', default: -54.4, min: -1e3, max: 1e3, description: 'Leak reversal potential.' },
    { name: 'spike_threshold_mv', label: 'spike detection', unit: 'mV', type: 'number', default: 0, min: -1e3, max: 1e3, description: 'A spike is counted when v crosses this upwards.' },
    { name: 'v_init', label: 'v at t=0', unit: 'mV', type: 'number', default: -65, min: -1e3, max: 1e3, description: 'Membrane potential at the start (gates start at their steady state).' },
  ],
  state: [
    { name: 'v', unit: 'mV', description: 'Membrane potential.' },
    { name: 'm', unit: '', description: 'Sodium activation gate.' },
    { name: 'h', unit: '', description: 'Sodium inactivation gate.' },
    { name: 'n', unit: '', description: 'Potassium activation gate.' },
  ],
};
