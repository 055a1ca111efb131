// A small WGSL tokenizer for CodeMirror 6 (a legacy-mode StreamParser; there is no official WGSL language
// package): keywords, types, attributes (@group, @binding, @compute, …), builtin functions, numbers and
// comments. Enough to read the generated kernels in the shader panel (docs/editor.md, "Shaders").
import type { StreamParser } from '@codemirror/language';

const KEYWORDS = new Set(['fn', 'let', 'var', 'const', 'override', 'struct', 'alias', 'return', 'if', 'else', 'for', 'while', 'loop',
  'break', 'continue', 'continuing', 'switch', 'case', 'default', 'discard', 'enable', 'requires', 'diagnostic', 'const_assert',
  'storage', 'uniform', 'workgroup', 'private', 'function', 'read', 'write', 'read_write']);
const TYPES = new Set(['bool', 'i32', 'u32', 'f32', 'f16', 'array', 'atomic', 'ptr', 'sampler', 'vec2', 'vec3', 'vec4', 'mat2x2', 'mat3x3', 'mat4x4',
  'vec2f', 'vec3f', 'vec4f', 'vec2i', 'vec3i', 'vec4i', 'vec2u', 'vec3u', 'vec4u', 'texture_2d', 'texture_storage_2d']);
const ATOMS = new Set(['true', 'false']);
const BUILTINS = new Set(['abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'clamp', 'cos', 'cosh', 'exp', 'exp2', 'floor', 'fract', 'log', 'log2',
  'max', 'min', 'mix', 'pow', 'round', 'select', 'sign', 'sin', 'sinh', 'sqrt', 'step', 'tan', 'tanh', 'trunc', 'dot', 'length', 'normalize',
  'bitcast', 'arrayLength', 'countOneBits', 'firstLeadingBit', 'firstTrailingBit', 'reverseBits', 'extractBits', 'insertBits',
  'atomicLoad', 'atomicStore', 'atomicAdd', 'atomicSub', 'atomicMax', 'atomicMin', 'atomicAnd', 'atomicOr', 'atomicXor', 'atomicExchange',
  'atomicCompareExchangeWeak', 'workgroupBarrier', 'storageBarrier', 'workgroupUniformLoad', 'fma', 'inverseSqrt', 'ldexp', 'frexp', 'modf']);

export interface WgslState { blockDepth: number }

/** Token names are CodeMirror's legacy names (keyword, typeName, meta, …), mapped to highlight tags. */
export const wgslParser: StreamParser<WgslState> = {
  name: 'wgsl',
  startState: () => ({ blockDepth: 0 }),
  copyState: (s) => ({ blockDepth: s.blockDepth }),
  token(stream, state) {
    if (state.blockDepth > 0) return blockComment(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match('//')) { stream.skipToEnd(); return 'comment'; }
    if (stream.match('/*')) { state.blockDepth = 1; return blockComment(stream, state); }
    if (stream.match(/^@[A-Za-z_]\w*/)) return 'meta';
    // Hex, then decimal/float with optional exponent and suffix (1u, 2i, 0.5f, 1e-3, 0x7f800000u).
    if (stream.match(/^0[xX][0-9a-fA-F]+[iu]?/) || stream.match(/^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?[iuhf]?/)) return 'number';
    const word = stream.match(/^[A-Za-z_]\w*/) as RegExpMatchArray | null;
    if (word) {
      const w = word[0];
      if (KEYWORDS.has(w)) return 'keyword';
      if (TYPES.has(w)) return 'typeName';
      if (ATOMS.has(w)) return 'atom';
      if (BUILTINS.has(w) && stream.match(/^\s*\(/, false)) return 'builtin';
      return 'variableName';
    }
    if (stream.match(/^(->|&&|\|\||[=!<>]=|<<|>>|[-+*/%&|^~!<>=])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
};

// WGSL block comments nest.
function blockComment(stream: Parameters<StreamParser<WgslState>['token']>[0], state: WgslState): string {
  while (!stream.eol()) {
    if (stream.match('/*')) state.blockDepth++;
    else if (stream.match('*/')) { state.blockDepth--; if (state.blockDepth === 0) break; }
    else stream.next();
  }
  return 'comment';
}
