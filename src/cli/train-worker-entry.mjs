// Entry of a CPU-trainer worker thread (src/cli/train-threads.ts): the TypeScript loader is registered per
// thread, so this file registers it, then loads the worker's code.
import { register } from 'tsx/esm/api';
register();
await import('./train-worker.ts');
