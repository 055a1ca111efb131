// The CPU engine's second thread in a Node worker (src/cli/engine-thread.ts).
import { parentPort } from 'node:worker_threads';
import { servePeer } from '../shared/engine/cpu-peer';

const port = parentPort!;
servePeer({ post: (m) => port.postMessage(m), onMessage: (h) => { port.on('message', h); } });
