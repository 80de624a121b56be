/**
 * Constant values as TypeScript expressions: for `const` declarations and for field defaults, which
 * decoders evaluate afresh each time they apply one (so no two decoded values share a container).
 */
import type { ConstValue, StructDef, TypeRef } from '../../src/idl/model';
import { propertyAccess, propertyKey } from '../framework/names';
import type { ModuleContext } from './context';
import { fieldKey } from './fields';
import { tsType } from './type-expr';

/** `value` (already coerced to `type` by the loader) as an expression of `type`'s TypeScript type. */
export function constExpr(ctx: ModuleContext, type: TypeRef, value: ConstValue): string {
  switch (type.kind) {
    case 'bool':
      return String(value.kind === 'bool' ? value.value : value.kind === 'int' ? value.value !== 0n : false);
    case 'i8': case 'i16': case 'i32':
      return String(numberOf(value));
    case 'i64':
      return `${value.kind === 'int' ? value.value : BigInt(numberOf(value))}n`;
    case 'double':
      return doubleLiteral(numberOf(value));
    case 'string':
      return JSON.stringify(value.kind === 'string' ? value.value : '');
    case 'binary': case 'uuid':
      return bytesLiteral(bytesOf(value, type.kind === 'uuid'));
    case 'enum':
      return enumExpr(ctx, type.name, numberOf(value));
    case 'list': {
      const items = value.kind === 'list' ? value.items : [];
      return `[${items.map((v) => constExpr(ctx, type.elem, v)).join(', ')}]`;
    }
    case 'set': {
      const items = value.kind === 'list' ? value.items : [];
      return `new globalThis.Set<${tsType(ctx, type.elem)}>([${items.map((v) => constExpr(ctx, type.elem, v)).join(', ')}])`;
    }
    case 'map': {
      const entries = value.kind === 'map' ? value.entries : [];
      const body = entries.map(([k, v]) => `[${constExpr(ctx, type.key, k)}, ${constExpr(ctx, type.value, v)}]`);
      return `new globalThis.Map<${tsType(ctx, type.key)}, ${tsType(ctx, type.value)}>([${body.join(', ')}])`;
    }
    case 'struct':
      return structExpr(ctx, ctx.definition(type.name) as StructDef, value);
  }
}

/** A struct literal: the given fields, then (as Apache's constructors do) defaults for the others. */
function structExpr(ctx: ModuleContext, def: StructDef, value: ConstValue): string {
  const given = new Map(value.kind === 'struct' ? value.fields.map((f) => [f.name, f.value] as const) : []);
  const parts: string[] = [];
  for (const field of def.fields) {
    const v = given.get(field.name) ?? (def.kind === 'union' ? undefined : field.default);
    if (v !== undefined) parts.push(`${propertyKey(fieldKey(field))}: ${constExpr(ctx, field.type, v)}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function enumExpr(ctx: ModuleContext, qname: string, n: number): string {
  const def = ctx.definition(qname);
  const member = def.kind === 'enum' ? def.members.find((m) => m.value === n) : undefined;
  const ref = ctx.ref(qname);
  return member ? propertyAccess(ref, member.name) : `(${n} as ${ref})`;
}

function numberOf(value: ConstValue): number {
  switch (value.kind) {
    case 'int': return Number(value.value);
    case 'double': return value.value;
    case 'bool': return value.value ? 1 : 0;
    default: return 0;
  }
}

/** A double as source text: shortest round-trip form, keeping -0, NaN and the infinities. */
export function doubleLiteral(n: number): string {
  if (Number.isNaN(n)) return 'globalThis.Number.NaN';
  if (n === Infinity) return 'globalThis.Number.POSITIVE_INFINITY';
  if (n === -Infinity) return 'globalThis.Number.NEGATIVE_INFINITY';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

function bytesOf(value: ConstValue, uuid: boolean): Uint8Array {
  if (value.kind === 'binary') return value.value;
  if (value.kind !== 'string') return new Uint8Array(0);
  if (uuid) {
    const hex = value.value.replace(/[{}-]/g, '');
    return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  return new TextEncoder().encode(value.value);
}

function bytesLiteral(bytes: Uint8Array): string {
  return `new globalThis.Uint8Array([${Array.from(bytes).join(', ')}])`;
}
