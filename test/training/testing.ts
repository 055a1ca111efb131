// Small network documents and batches for the trainer's tests (CPU, GPU, CLI): inputs → LIF layers →
// readout, built in code so a test states exactly the shape it checks.
import { loadDocument } from '../../src/shared/graph/validate';
import type { NetworkDocument } from '../../src/shared/graph/schema';
import { generateDataset, TUTORIAL_SOUND } from '../../src/shared/tasks/sound-localisation';
import { planTraining, type TrainConfig, type TrainingPlan } from '../../src/shared/training/plan';
import type { BatchData } from '../../src/shared/training/backend';

export interface TestNet {
  inputs: number;
  hidden: number[];
  recurrent?: boolean;
  out: number;
  readout?: 'leaky_integrator' | 'lif';
  /** Hidden model (default lif). */
  hiddenModel?: 'lif' | 'adaptive_lif';
  /** Extra parameters of the hidden layers (over the defaults below). */
  hiddenParams?: Record<string, unknown>;
  steps: number;
  training?: Record<string, unknown>;
}

export function testDocument(n: TestNet): NetworkDocument {
  const ids = ['inputs', ...n.hidden.map((_, i) => `hidden${i || ''}`), 'output'];
  const sizes = [n.inputs, ...n.hidden, n.out];
  const all = { rule: 'all_to_all' }, w = { dist: 'uniform', low: -0.1, high: 0.1 };
  const projections: unknown[] = [];
  for (let i = 1; i < ids.length; i++) {
    projections.push({ id: `${ids[i - 1]}_${ids[i]}`, source: ids[i - 1], target: ids[i], connectivity: all, weight: w, trainable: true });
    if (n.recurrent && i < ids.length - 1) projections.push({ id: `${ids[i]}_rec`, source: ids[i], target: ids[i], connectivity: all, weight: w, trainable: true });
  }
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 'test-net' },
    simulation: { dt_ms: 1, duration_ms: n.steps, seed: 1 },
    nodes: ids.map((id, i) => ({
      id, kind: i === 0 ? 'input' : 'population', size: sizes[i],
      model: i === 0 ? 'dataset' : i === ids.length - 1 ? (n.readout ?? 'leaky_integrator') : (n.hiddenModel ?? 'lif'),
      params: i === 0 ? {} : i < ids.length - 1 && n.hiddenModel === 'adaptive_lif' ? { tau_ms: 20, tau_t_ms: 30, delta_th: 0.5, v_reset: 0, reset_timing: 'tutorial', ...n.hiddenParams }
        : i === ids.length - 1 && (n.readout ?? 'leaky_integrator') === 'leaky_integrator' ? { tau_ms: 20 }
          : { tau_ms: 20, reset_timing: 'tutorial', ...(i < ids.length - 1 ? n.hiddenParams : {}) },
    })),
    projections,
    training: { classes: n.out > 1 ? n.out : 12, ...n.training },
  });
  if (!r.ok) throw new Error(`test document invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}

export function testPlan(n: TestNet, overrides: Partial<TrainConfig> = {}): TrainingPlan {
  const r = planTraining(testDocument(n), overrides);
  if (!r.ok) throw new Error(`test plan invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.plan;
}

/** A batch of the sound task sized for the plan. */
export function testBatch(plan: TrainingPlan, B: number, seed = 5): BatchData {
  const d = generateDataset({ ...TUTORIAL_SOUND, nPerEar: plan.inputs / 2, steps: plan.steps }, seed, 'train', B, plan.config.classes);
  return { B, x: d.spikes, labels: d.labels, ipd: d.ipd };
}

export interface TestGraph {
  inputs: number;
  steps: number;
  /** Populations (besides the dataset input "inputs"), any order. */
  pops: { id: string; model: 'lif' | 'adaptive_lif' | 'leaky_integrator'; size: number; params?: Record<string, unknown> }[];
  projections: { source: string; target: string; synapse?: Record<string, unknown>; allow_self?: boolean; trainable?: boolean; weight?: Record<string, unknown> }[];
  training?: Record<string, unknown>;
}

/** A network document of any shape the trainer takes: dataset "inputs" plus the populations and projections given. */
export function graphDocument(g: TestGraph): NetworkDocument {
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 'test-graph' },
    simulation: { dt_ms: 1, duration_ms: g.steps, seed: 1 },
    nodes: [{ id: 'inputs', kind: 'input', size: g.inputs, model: 'dataset', params: {} },
      ...g.pops.map((p) => ({ id: p.id, kind: 'population', size: p.size, model: p.model, params: p.params ?? {} }))],
    projections: g.projections.map((p) => ({
      id: `${p.source}_${p.target}`, source: p.source, target: p.target,
      connectivity: { rule: 'all_to_all', ...(p.allow_self === false ? { allow_self: false } : {}) },
      weight: p.weight ?? { dist: 'uniform', low: -0.1, high: 0.1 }, trainable: p.trainable ?? true,
      ...(p.synapse ? { synapse: p.synapse } : {}),
    })),
    training: { classes: 4, ...g.training },
  });
  if (!r.ok) throw new Error(`test document invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}

export function graphPlan(g: TestGraph, overrides: Partial<TrainConfig> = {}): TrainingPlan {
  const r = planTraining(graphDocument(g), overrides);
  if (!r.ok) throw new Error(`test plan invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.plan;
}
