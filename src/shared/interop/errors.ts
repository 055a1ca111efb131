// What the script and graph exporters refuse: a network feature they cannot represent exactly.

/** A network feature an export format cannot represent; `node` is the document node's (or monitor's) id. */
export class InteropError extends Error {
  constructor(readonly node: string, readonly reason: string) {
    super(`cannot export node "${node}": ${reason}`);
    this.name = 'InteropError';
  }
}

/**
 * Per-neuron parameter values (e.g. trained τ applied to the document, docs/file-format.md) are not written
 * by the exporters yet: exporting one value (the mean) would silently change the network, so they refuse.
 */
export function refusePerNeuron(id: string, names: readonly string[]): void {
  if (names.length) {
    throw new InteropError(id, `${names.join(', ')} ${names.length > 1 ? 'have' : 'has'} one value per neuron (e.g. trained τ), not exported yet; use "Make uniform" in the Inspector to export one value`);
  }
}
