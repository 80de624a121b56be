/**
 * Specialized read code for one value of a known type. Primitives are one expression; containers
 * become a loop that builds a local (`$a0`, `$m1`, `$s2`, numbered per decoder) and the expression names it.
 * A non-empty container whose element types differ from the IDL's is an error, not a guess.
 *
 * IDL `map<string, list<i64>>` →
 * ```ts
 * const $n0 = $r.readMapBegin();
 * if ($n0 > 0) $rt.checkMapTypes($r, 11, 15);
 * const $m0 = new globalThis.Map<string, bigint[]>();
 * for (let $i0 = 0; $i0 < $n0; $i0++) {
 *   const $k0 = $r.readString();
 *   const $n1 = $r.readListBegin();
 *   …
 *   $m0.set($k0, $a1);
 * }
 * $r.readMapEnd();
 * ```
 */
import type { TypeRef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import type { ModuleContext } from './context';
import { tsType } from './type-expr';
import { methodSuffix, ttype } from './wire';

/** Numbers the temporaries of one decoder so nested containers never reuse a name. */
export class Temporaries {
  #next = 0;
  /** A fresh suffix. */
  next(): number {
    return this.#next++;
  }
}

/** Emits whatever statements reading a `type` needs and returns the expression holding the value. */
export function readValue(out: CodeWriter, ctx: ModuleContext, type: TypeRef, temps: Temporaries): string {
  switch (type.kind) {
    case 'struct':
      return `${ctx.ref(type.name)}.decode($r)`;
    case 'list':
    case 'set': {
      const Kind = type.kind === 'list' ? 'List' : 'Set';
      const depth = temps.next();
      const n = `$n${depth}`;
      const acc = type.kind === 'list' ? `$a${depth}` : `$s${depth}`;
      out.line(`const ${n} = $r.read${Kind}Begin();`);
      out.line(`if (${n} > 0) ${ctx.rt}.checkElemType($r, ${ttype(type.elem)});`);
      out.line(type.kind === 'list'
        ? `const ${acc}: ${tsType(ctx, type.elem)}[] = [];`
        : `const ${acc} = new globalThis.Set<${tsType(ctx, type.elem)}>();`);
      out.block(`for (let $i${depth} = 0; $i${depth} < ${n}; $i${depth}++) {`, () => {
        const e = readValue(out, ctx, type.elem, temps);
        out.line(type.kind === 'list' ? `${acc}.push(${e});` : `${acc}.add(${e});`);
      });
      out.line(`$r.read${Kind}End();`);
      return acc;
    }
    case 'map': {
      const depth = temps.next();
      const n = `$n${depth}`;
      const acc = `$m${depth}`;
      out.line(`const ${n} = $r.readMapBegin();`);
      out.line(`if (${n} > 0) ${ctx.rt}.checkMapTypes($r, ${ttype(type.key)}, ${ttype(type.value)});`);
      out.line(`const ${acc} = new globalThis.Map<${tsType(ctx, type.key)}, ${tsType(ctx, type.value)}>();`);
      out.block(`for (let $i${depth} = 0; $i${depth} < ${n}; $i${depth}++) {`, () => {
        const k = readValue(out, ctx, type.key, temps);
        const kLocal = `$k${depth}`;
        out.line(`const ${kLocal} = ${k};`);
        const v = readValue(out, ctx, type.value, temps);
        out.line(`${acc}.set(${kLocal}, ${v});`);
      });
      out.line('$r.readMapEnd();');
      return acc;
    }
    default:
      return `$r.read${methodSuffix(type)}()`;
  }
}
