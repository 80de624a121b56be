/**
 * Const generator.
 *
 * IDL `const i64 BIG = 9007199254740993` → `export const BIG: bigint = 9007199254740993n;`
 * IDL `const map<string, i32> M = {"a": 1}` → `export const M: globalThis.Map<string, number> = new globalThis.Map<string, number>([["a", 1]]);`
 */
import type { ConstDef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import { writeDoc } from '../framework/doc-comment';
import type { ModuleContext } from './context';
import { constExpr } from './const-value';
import { idlType, tsType } from './type-expr';

/** Writes one exported constant. */
export function writeConst(out: CodeWriter, ctx: ModuleContext, def: ConstDef): void {
  writeDoc(out, def.doc, `@generated from thrift const ${idlType(ctx, def.type)} ${def.qname}`);
  out.line(`export const ${ctx.names(def.qname).name}: ${tsType(ctx, def.type)} = ${constExpr(ctx, def.type, def.value)};`);
}
