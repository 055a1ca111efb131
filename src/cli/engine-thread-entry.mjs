// Entry of the CPU engine's second thread (src/cli/engine-thread.ts): the TypeScript loader is registered per
// thread, so this file registers it, then loads the worker's code.
import { register } from 'tsx/esm/api';
register();
await import('./engine-thread-worker.ts');
