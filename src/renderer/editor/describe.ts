// Short human descriptions of projections and nodes for canvas labels: "all-to-all · delta · 1 ms · STDP".
import type { Projection } from '../../shared/graph';

export function describeConnectivity(c: Projection['connectivity']): string {
  switch (c.rule) {
    case 'all_to_all': return 'all-to-all';
    case 'one_to_one': return 'one-to-one';
    case 'fixed_probability': return `p = ${c.p}`;
    case 'fixed_indegree': return `k = ${c.k}`;
    case 'explicit': return `explicit (${c.pre.length})`;
  }
}

export function describeSynapse(s: Projection['synapse']): string {
  switch (s.kind) {
    case 'delta': return 'delta';
    case 'exponential': return `exp ${s.tau_ms} ms`;
    case 'conductance': return `cond ${s.tau_ms} ms`;
    case 'current': return 'current';
  }
}

export function describeDelay(d: Projection['delay']): string | null {
  switch (d.kind) {
    case 'constant': return d.ms > 0 ? `delay ${d.ms} ms` : null;
    case 'explicit': return 'delays listed';
    case 'expression': return 'delay f(pre, post)';
  }
}

export function describeProjection(p: Projection): string {
  return [describeConnectivity(p.connectivity), describeSynapse(p.synapse), describeDelay(p.delay),
    p.plasticity ? 'STDP' : null, p.trainable ? 'trainable' : null].filter(Boolean).join(' · ');
}

/** `1234567` → `1,234,567` */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
