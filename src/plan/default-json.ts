/**
 * IDL defaults (ConstValue) as JSON text under the §5 input rules, so the native transcoder encodes a default
 * with the same code that encodes request JSON (and applies nested defaults the same way src/json does).
 */
import type { ConstValue, Schema, TypeRef } from '../idl/model';
import { encodeBase64 } from '../json/base64';
import { formatUuid } from '../json/uuid';

const utf8 = new TextEncoder();

function asBigInt(c: ConstValue): bigint {
  if (c.kind === 'int') return c.value;
  if (c.kind === 'bool') return c.value ? 1n : 0n;
  if (c.kind === 'double') return BigInt(Math.trunc(c.value));
  return 0n;
}

function doubleText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0 && Object.is(v, -0)) return '-0.0';
  return String(v);
}

/** The JSON key of struct field `name` (its first non-empty `api.body` value, else the name). */
export function jsonKeyOf(schema: Schema, structName: string, fieldName: string): string {
  const def = schema.definitions.get(structName);
  if (def && (def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception')) {
    const f = def.fields.find((x) => x.name === fieldName);
    const renamed = f?.annotations.find((a) => a.name === 'api.body' && a.value !== '')?.value;
    if (renamed !== undefined) return renamed;
  }
  return fieldName;
}

/** Map keys: the text a JSON object key carries for a value of `t`. */
function keyText(schema: Schema, t: TypeRef, c: ConstValue): string {
  switch (t.kind) {
    case 'bool': return (c.kind === 'bool' ? c.value : asBigInt(c) !== 0n) ? 'true' : 'false';
    case 'double': return doubleText(c.kind === 'double' ? c.value : Number(asBigInt(c)));
    case 'string': return c.kind === 'string' ? c.value : '';
    default: {
      const j = constJson(schema, t, c);
      return j.startsWith('"') ? (JSON.parse(j) as string) : j;
    }
  }
}

/** JSON text for constant `c` used as a value of type `t`. */
export function constJson(schema: Schema, t: TypeRef, c: ConstValue): string {
  switch (t.kind) {
    case 'bool': return (c.kind === 'bool' ? c.value : asBigInt(c) !== 0n) ? 'true' : 'false';
    case 'i8': case 'i16': case 'i32': case 'i64': case 'enum': return asBigInt(c).toString();
    case 'double': {
      const v = c.kind === 'double' ? c.value : Number(asBigInt(c));
      return Number.isFinite(v) && !Object.is(v, -0) ? String(v) : JSON.stringify(doubleText(v));
    }
    case 'string': return JSON.stringify(c.kind === 'string' ? c.value : '');
    case 'binary': {
      const bytes = c.kind === 'binary' ? c.value : utf8.encode(c.kind === 'string' ? c.value : '');
      return JSON.stringify(encodeBase64(bytes));
    }
    case 'uuid': {
      if (c.kind === 'string') return JSON.stringify(c.value);
      return JSON.stringify(formatUuid(c.kind === 'binary' ? c.value : new Uint8Array(16)));
    }
    case 'list': case 'set': {
      const items = c.kind === 'list' ? c.items : [];
      return `[${items.map((i) => constJson(schema, t.elem, i)).join(',')}]`;
    }
    case 'map': {
      const entries = c.kind === 'map' ? c.entries : [];
      return `{${entries.map(([k, v]) => `${JSON.stringify(keyText(schema, t.key, k))}:${constJson(schema, t.value, v)}`).join(',')}}`;
    }
    case 'struct': {
      const given = c.kind === 'struct' ? c.fields : [];
      return `{${given.map((g) => `${JSON.stringify(jsonKeyOf(schema, t.name, g.name))}:${constJson(schema, fieldType(schema, t.name, g.name), g.value)}`).join(',')}}`;
    }
  }
}

function fieldType(schema: Schema, structName: string, fieldName: string): TypeRef {
  const def = schema.definitions.get(structName);
  if (def && (def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception')) {
    const f = def.fields.find((x) => x.name === fieldName);
    if (f) return f.type;
  }
  return { kind: 'string' };
}
