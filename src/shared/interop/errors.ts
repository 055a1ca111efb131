// What the script and graph exporters refuse: a network feature they cannot represent exactly.

/** A network feature an export format cannot represent; `node` is the document node's (or monitor's) id. */
export class InteropError extends Error {
  constructor(readonly node: string, readonly reason: string) {
    super(`cannot export node "${node}": ${reason}`);
    this.name = 'InteropError';
  }
}
