/**
 * Type pass for structs, exceptions and unions: the interface (a union type for unions, so that exactly
 * one member can be set) and, for exceptions, the Error subclass clients throw and handlers raise.
 *
 * IDL:
 * ```thrift
 * struct Person { 1: required string name, 2: optional i64 id }
 * union Contact { 1: string email, 2: Phone phone }
 * exception NotFound { 1: string message }
 * ```
 * TypeScript:
 * ```ts
 * export interface Person {
 *   /** @generated from thrift field: 1: required string name *\/
 *   name: string;
 *   /** @generated from thrift field: 2: optional i64 id *\/
 *   id?: bigint;
 * }
 * export type Contact =
 *   | { email: string; phone?: undefined }
 *   | { phone: Phone; email?: undefined };
 * export interface NotFound { message?: string }
 * export class NotFoundError extends $rt.ThriftException<NotFound> { … }
 * ```
 */
import type { FieldDef, StructDef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import { writeDoc } from '../framework/doc-comment';
import { propertyKey } from '../framework/names';
import type { ModuleContext } from './context';
import { fieldKey } from './fields';
import { fieldTsType, idlField } from './type-expr';

/** True when the decoded value always has the field (required, or filled in from an IDL default). */
export function alwaysPresent(def: Pick<StructDef, 'kind'>, field: FieldDef): boolean {
  return def.kind !== 'union' && (field.requiredness === 'required' || field.default !== undefined);
}

/** Writes the interface or union type `name` for `def`. */
export function writeStructType(out: CodeWriter, ctx: ModuleContext, def: StructDef, name: string, exported = true): void {
  const exp = exported ? 'export ' : '';
  if (exported) writeDoc(out, def.doc, `@generated from thrift ${def.kind} ${def.qname}`);
  if (def.kind === 'union') {
    writeUnionType(out, ctx, def, name, exp);
    return;
  }
  if (def.fields.length === 0) {
    out.line(`${exp}interface ${name} {}`);
    return;
  }
  out.block(`${exp}interface ${name} {`, () => {
    for (const f of def.fields) {
      writeDoc(out, f.doc, `@generated from thrift field: ${idlField(ctx, f)}`);
      // Only `required` fields must be given when encoding; fields with defaults are optional to write
      // and still always present after decode.
      const opt = f.requiredness === 'required' ? '' : '?';
      out.line(`${propertyKey(fieldKey(f))}${opt}: ${fieldTsType(ctx, f)};`);
    }
  });
}

function writeUnionType(out: CodeWriter, ctx: ModuleContext, def: StructDef, name: string, exp: string): void {
  if (def.fields.length === 0) {
    out.line(`${exp}type ${name} = never;`);
    return;
  }
  out.line(`${exp}type ${name} =`);
  out.indented(() => {
    def.fields.forEach((f, i) => {
      const others = def.fields.filter((o) => o !== f).map((o) => `${propertyKey(fieldKey(o))}?: undefined`);
      writeDoc(out, f.doc, `@generated from thrift field: ${idlField(ctx, f)}`);
      const members = [`${propertyKey(fieldKey(f))}: ${fieldTsType(ctx, f)}`, ...others].join('; ');
      out.line(`| { ${members} }${i === def.fields.length - 1 ? ';' : ''}`);
    });
  });
}

/** Writes the Error subclass of an exception. */
export function writeExceptionClass(out: CodeWriter, ctx: ModuleContext, def: StructDef): void {
  const names = ctx.names(def.qname);
  const rt = ctx.rt;
  writeDoc(out,
    `Thrown by generated clients when a call fails with ${def.qname}; throw it from a handler to answer with one.`,
    `The exception's fields are in \`value\`.`);
  out.block(`export class ${names.error} extends ${rt}.ThriftException<${names.name}> {`, () => {
    out.block(`constructor(value: ${names.name}) {`, () => out.line(`super(${JSON.stringify(def.qname)}, value);`));
  });
}
