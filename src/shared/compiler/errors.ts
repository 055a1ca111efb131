// Compile-time failures with the exit-code class they map to: 'usage' (a bad --set/--record), 'invalid'
// (the document asks for something impossible), 'limits' (too big for the engine).
export class CompileError extends Error {
  constructor(message: string, readonly kind: 'usage' | 'invalid' | 'limits') {
    super(message);
  }
}
