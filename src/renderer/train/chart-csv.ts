// The Training tab's plots as CSV (the export menu, ../components/ExportMenu.tsx): the loss per batch with each
// epoch's mean, the accuracies per epoch, and the confusion matrix as the table of cells the PNG draws.
import { csvText } from '../components/plot-csv';
import type { TrainMetrics } from './controller';

/** One row per batch: its number (across epochs), its loss, and the epoch's mean loss on the epoch's last batch. */
export const lossCsv = (m: TrainMetrics) => csvText(['batch', 'batch_loss', 'epoch_mean_loss'], m.batchX.map((x, i) => [x, m.batchLoss[i], m.epochLoss[i]]));

/** One row per epoch: train and test accuracy (0–1). */
export const accuracyCsv = (m: TrainMetrics) => csvText(['epoch', 'train_accuracy', 'test_accuracy'], m.history.map((h) => [h.epoch, h.train_accuracy, h.test.accuracy]));

/** The confusion matrix with its headers as text cells (true class down, predicted across). */
export const confusionTable = (c: readonly (readonly number[])[]) => [['t\\p', ...c.map((_, j) => String(j))], ...c.map((row, i) => [String(i), ...row.map(String)])];
