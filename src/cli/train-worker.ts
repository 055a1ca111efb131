// A CPU-trainer worker thread (src/cli/train-threads.ts): receives the plan once, then computes the loss and
// gradients of each batch part it is sent with the same code as the main thread (lossAndGradients).
import { parentPort } from 'node:worker_threads';
import { lossAndGradients } from '../shared/training/cpu-backend';
import type { TrainingPlan } from '../shared/training/plan';
import type { WorkerReply, WorkerRequest } from './train-threads';

let plan: TrainingPlan | null = null;
const port = parentPort!;
port.on('message', (req: WorkerRequest) => {
  if (req.kind === 'plan') { plan = req.plan; return; }
  let reply: WorkerReply;
  try {
    if (!plan) throw new Error('training thread: no plan before the first batch');
    const r = lossAndGradients(plan, req.weights, req.batch, { noGrad: req.noGrad });
    const m = Float64Array.from(r.m as ArrayLike<number>);
    reply = { id: req.id, ok: true, result: { loss: r.loss, m, spikes: r.spikes, grads: r.grads } };
    port.postMessage(reply, [m.buffer, ...r.grads.map((g) => g.buffer as ArrayBuffer)]);
  } catch (e) {
    reply = { id: req.id, ok: false, message: (e as Error).message };
    port.postMessage(reply);
  }
});
