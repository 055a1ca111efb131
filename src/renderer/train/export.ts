// The weights file the Training panel exports: the same `snn-weights` v1 file `snn train --out` writes, built
// with the shared weights-io code from the document snapshot that was trained, its plan and the worker's weights
// (the last ones, or those of the epoch with the lowest test loss). Pure apart from the SHA-256 (Web Crypto).
import type { NetworkDocument } from '../../shared/graph';
import type { WeightsFile, WeightsTraining } from '../../shared/io/weights';
import { buildWeightsFile, type EpochEvent, type TrainingPlan } from '../../shared/training';
import type { TrainBackendKind, TrainDone } from './protocol';

export type WeightsChoice = 'last' | 'best';

/** What one finished (or stopped) training produced, for its weights file. */
export interface TrainRecord {
  plan: TrainingPlan;
  backend: TrainBackendKind;
  adapter: string;
  history: EpochEvent[];
  done: TrainDone;
}

/** The document as text, the way it is hashed into `network.source_sha256` (2-space JSON and a newline). */
export function documentText(doc: NetworkDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `<network>.weights.json`, with characters file systems dislike replaced. */
export function suggestedWeightsName(network: string): string {
  const base = network.trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'network';
  return `${base}.weights.json`;
}

/** The weights file of a training: `which` weights (best falls back to last when no epoch completed). */
export function weightsFileOf(doc: NetworkDocument, rec: TrainRecord, which: WeightsChoice, sourceSha256: string): WeightsFile {
  const { plan, done, history } = rec, c = plan.config;
  const best = which === 'best' ? done.best : undefined;
  const ev = best ? history.find((h) => h.epoch === best.epoch) : undefined;
  const training: WeightsTraining = {
    epochs: c.epochs, batch_size: c.batchSize, lr: c.lr, seed: c.seed, backend: rec.backend,
    loss: (best ? history.filter((h) => h.epoch <= best.epoch) : history).map((h) => h.loss),
    train_accuracy: ev ? ev.train_accuracy : done.train.accuracy,
    test_accuracy: ev ? ev.test.accuracy : done.test.accuracy,
    test_mean_abs_error_deg: ev ? ev.test.mean_abs_error_deg : done.test.mean_abs_error_deg,
    wall_ms: done.wall_ms,
    epochs_completed: best ? best.epoch : done.epochsDone,
    adapter: rec.adapter, optimizer: c.optimizer, loss_kind: c.loss, surrogate: { ...c.surrogate },
  };
  return buildWeightsFile(doc, plan, best ? best.weights : done.weights, sourceSha256, training);
}
