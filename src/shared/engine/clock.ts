// Wall-clock milliseconds in any runtime (browser, worker, Node) without DOM or Node types.
export const nowMs = (): number => {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
};
