/**
 * Typedef generator: a type alias, plus a value alias for structs and enums so that the typedef's
 * name also works as a codec (`MyPerson.encode(…)`) or enum object.
 *
 * IDL `typedef Person MyPerson` → `export type MyPerson = Person;` and `export const MyPerson = Person;`
 */
import type { TypedefDef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import { writeDoc } from '../framework/doc-comment';
import type { ModuleContext } from './context';
import { idlType, tsType } from './type-expr';

/** Writes the type alias. */
export function writeTypedefType(out: CodeWriter, ctx: ModuleContext, def: TypedefDef): void {
  writeDoc(out, def.doc, `@generated from thrift typedef ${idlType(ctx, def.type)} ${def.qname}`);
  out.line(`export type ${ctx.names(def.qname).name} = ${tsType(ctx, def.type)};`);
}

/** Writes the value alias when the target is a struct or an enum (after the target's codec exists). */
export function writeTypedefValue(out: CodeWriter, ctx: ModuleContext, def: TypedefDef): void {
  if (def.type.kind !== 'struct' && def.type.kind !== 'enum') return;
  writeDoc(out, `Codec of {@link ${ctx.names(def.qname).name}} (the same object as its target's).`);
  out.line(`export const ${ctx.names(def.qname).name} = ${ctx.ref(def.type.name)};`);
}
