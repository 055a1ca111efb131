// One line that says where a document's applied weights came from (its provenance, docs/file-format.md),
// shown in the Training tab and the network Inspector.
import type { Provenance } from '../../shared/graph';

export function describeProvenance(p: Provenance): string {
  const from = p.source === 'training' ? 'trained in SNN Studio' : `from ${p.weights_file ?? 'a weights file'}`;
  const data = `${p.dataset.name} (seed ${p.dataset.seed}${p.dataset.train_samples ? `, ${p.dataset.train_samples} training samples` : ''})`;
  const acc = p.test_accuracy !== undefined ? `, test accuracy ${(100 * p.test_accuracy).toFixed(1)} %` : '';
  const date = Number.isFinite(Date.parse(p.date)) ? new Date(p.date).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : p.date;
  return `Weights ${from}${p.trained_tau ? ' with per-neuron τ' : ''}: ${data}, ${p.epochs} epoch${p.epochs === 1 ? '' : 's'} on the ${p.backend.toUpperCase()}${acc}; applied ${date} by SNN Studio ${p.app_version}.`;
}
