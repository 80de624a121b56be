/**
 * Specialized write code for one value of a known type: primitives are one protocol call, structs call
 * their codec, containers loop. No reflection: every call and type id is fixed at generation time.
 *
 * IDL `list<map<i32, string>>`, value `x` →
 * ```ts
 * $w.writeListBegin(13 /* MAP *\/, x.length);
 * for (const $e0 of x) {
 *   $w.writeMapBegin(8 /* I32 *\/, 11 /* STRING *\/, $e0.size);
 *   for (const [$k1, $v1] of $e0) {
 *     $w.writeI32($k1);
 *     $w.writeString($v1);
 *   }
 *   $w.writeMapEnd();
 * }
 * $w.writeListEnd();
 * ```
 */
import type { TypeRef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import type { ModuleContext } from './context';
import { methodSuffix, ttypeCode } from './wire';

/** Writes statements that put `expr` (an expression evaluated once per use: keep it simple) on `$w`. */
export function writeValue(out: CodeWriter, ctx: ModuleContext, type: TypeRef, expr: string, depth = 0): void {
  switch (type.kind) {
    case 'struct':
      out.line(`${ctx.ref(type.name)}.encode(${expr}, $w);`);
      return;
    case 'list':
    case 'set': {
      const Kind = type.kind === 'list' ? 'List' : 'Set';
      const size = type.kind === 'list' ? 'length' : 'size';
      const e = `$e${depth}`;
      out.line(`$w.write${Kind}Begin(${ttypeCode(type.elem)}, ${expr}.${size});`);
      out.block(`for (const ${e} of ${expr}) {`, () => writeValue(out, ctx, type.elem, e, depth + 1));
      out.line(`$w.write${Kind}End();`);
      return;
    }
    case 'map': {
      const k = `$k${depth}`;
      const v = `$v${depth}`;
      out.line(`$w.writeMapBegin(${ttypeCode(type.key)}, ${ttypeCode(type.value)}, ${expr}.size);`);
      out.block(`for (const [${k}, ${v}] of ${expr}) {`, () => {
        writeValue(out, ctx, type.key, k, depth + 1);
        writeValue(out, ctx, type.value, v, depth + 1);
      });
      out.line('$w.writeMapEnd();');
      return;
    }
    default:
      out.line(`$w.write${methodSuffix(type)}(${expr});`);
  }
}
