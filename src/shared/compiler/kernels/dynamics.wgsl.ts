// The WGSL form of a neuron model's update (../../models/dynamics/program.ts), for the body of update_<pop>
// (./neuron.wgsl.ts). Symbols: s_<state> (var f32), p_<param> (let f32), I_in, delta_in, `spiked`; locals
// become l_<name>. Every operation is written with its own parentheses in the tree's order, so the GPU
// evaluates what the CPU vector program evaluates (one f32 rounding per operation).
import type { Expr } from '../../models/dynamics/expr';
import { typeOf, type Dynamics, type Stmt, type Ty } from '../../models/dynamics/program';
import { ident, wgslFloat } from './common.wgsl';

export function dynamicsWgsl(d: Dynamics): string {
  const stateSet = new Set(d.vars);
  const lines: string[] = [];
  const block = (stmts: Stmt[], locals: Map<string, Ty>, pad: string) => {
    const sym = (n: string): Ty => locals.get(n) ?? 'f';
    const name = (n: string) => locals.has(n) ? `l_${n}` : stateSet.has(n) ? `s_${ident(n)}` : n === 'I' ? 'I_in' : n === 'delta' ? 'delta_in' : `p_${ident(n)}`;
    const asF = (e: Expr) => { const s = expr(e); return typeOf(e, sym) === 'b' ? `f32(${s})` : s; };
    const asB = (e: Expr) => { const s = expr(e); return typeOf(e, sym) === 'f' ? `(${s} != 0.0)` : s; };
    const expr = (e: Expr): string => {
      switch (e.k) {
        case 'num': return wgslFloat(e.v);
        case 'sym': return name(e.name);
        case 'neg': return `(-${asF(e.a)})`;
        case 'not': return `(!${asB(e.a)})`;
        case 'call': return `${e.fn}(${e.args.map(asF).join(', ')})`;
        case 'sel': {
          const ty = typeOf(e, sym), br = ty === 'b' ? asB : asF;
          return `select(${br(e.b)}, ${br(e.a)}, ${asB(e.c)})`;
        }
        case 'bin':
          if (e.op === '&&' || e.op === '||') return `(${asB(e.a)} ${e.op} ${asB(e.b)})`;
          return `(${asF(e.a)} ${e.op} ${asF(e.b)})`;
      }
    };
    for (const s of stmts) {
      if (s.k === 'repeat') {
        lines.push(`${pad}for (var k_${ident(s.count)} = 0u; k_${ident(s.count)} < u32(p_${ident(s.count)}); k_${ident(s.count)} = k_${ident(s.count)} + 1u) {`);
        block(s.body, new Map(locals), `${pad}  `);
        lines.push(`${pad}}`);
      } else if (s.k === 'let') {
        const ty = typeOf(s.e, sym);
        lines.push(`${pad}let l_${s.name}: ${ty === 'b' ? 'bool' : 'f32'} = ${ty === 'b' ? asB(s.e) : asF(s.e)};`);
        locals.set(s.name, ty);
      } else if (s.k === 'set') lines.push(`${pad}s_${ident(s.name)} = ${asF(s.e)};`);
      else lines.push(`${pad}spiked = ${asB(s.e)};`);
    }
  };
  block(d.update, new Map(), '  ');
  return `\n${lines.join('\n')}`;
}
