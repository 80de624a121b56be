/**
 * TypeScript types for Thrift types (contract §4): i64 → bigint, binary and uuid → Uint8Array,
 * list → array, set → Set, map → Map, double and the small integers → number, enums and structs by name.
 */
import type { FieldDef, TypeRef } from '../../src/idl/model';
import type { ModuleContext } from './context';

/** The TypeScript type of a value of `type`, as code valid in `ctx`'s module. */
export function tsType(ctx: ModuleContext, type: TypeRef): string {
  switch (type.kind) {
    case 'bool': return 'boolean';
    case 'i8': case 'i16': case 'i32': case 'double': return 'number';
    case 'i64': return 'bigint';
    case 'string': return 'string';
    case 'binary': case 'uuid': return 'globalThis.Uint8Array';
    case 'list': return `${tsType(ctx, type.elem)}[]`;
    case 'set': return `globalThis.Set<${tsType(ctx, type.elem)}>`;
    case 'map': return `globalThis.Map<${tsType(ctx, type.key)}, ${tsType(ctx, type.value)}>`;
    case 'enum': case 'struct': return ctx.ref(type.name);
  }
}

/** A field's type, named through its outermost typedef when it was declared through one. */
export function fieldTsType(ctx: ModuleContext, field: FieldDef): string {
  const alias = field.typedefs[0];
  return alias !== undefined ? ctx.ref(alias) : tsType(ctx, field.type);
}

/** The Thrift spelling of a type for comments: `map<i32, Person>`. */
export function idlType(ctx: ModuleContext, type: TypeRef): string {
  switch (type.kind) {
    case 'list': case 'set': return `${type.kind}<${idlType(ctx, type.elem)}>`;
    case 'map': return `map<${idlType(ctx, type.key)}, ${idlType(ctx, type.value)}>`;
    case 'enum': case 'struct': return ctx.displayName(type.name);
    default: return type.kind;
  }
}

/** How a field reads in the IDL, for `@generated from` comments: `1: required string name`. */
export function idlField(ctx: ModuleContext, field: FieldDef): string {
  const req = field.requiredness === 'default' ? '' : `${field.requiredness} `;
  const type = field.typedefs[0] !== undefined ? ctx.displayName(field.typedefs[0]) : idlType(ctx, field.type);
  return `${field.id}: ${req}${type} ${field.name}`;
}
