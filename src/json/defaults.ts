/**
 * IDL default values (ConstValue) on the wire: written for fields a JSON request leaves out, at every
 * nesting level and whatever the requiredness, the way Apache's generated constructors fill them in.
 * A struct-literal default gets its own fields' defaults too.
 */
import type { ConstValue, Schema, TypeRef } from '../idl/model';
import type { ProtocolWriter } from '../thrift/protocol/protocol';
import { ttypeOf, structView } from './schema-view';
import { parseUuid } from './uuid';

const utf8 = new TextEncoder();

function asBigInt(c: ConstValue): bigint {
  if (c.kind === 'int') return c.value;
  if (c.kind === 'bool') return c.value ? 1n : 0n;
  if (c.kind === 'double') return BigInt(Math.trunc(c.value));
  return 0n;
}

function asNumber(c: ConstValue): number {
  if (c.kind === 'double') return c.value;
  return Number(asBigInt(c));
}

/** Writes constant `c` as a value of type `t` (no field header). */
export function writeConst(schema: Schema, w: ProtocolWriter, t: TypeRef, c: ConstValue): void {
  switch (t.kind) {
    case 'bool': w.writeBool(c.kind === 'bool' ? c.value : asBigInt(c) !== 0n); return;
    case 'i8': w.writeByte(Number(asBigInt(c))); return;
    case 'i16': w.writeI16(Number(asBigInt(c))); return;
    case 'i32': case 'enum': w.writeI32(Number(asBigInt(c))); return;
    case 'i64': w.writeI64(asBigInt(c)); return;
    case 'double': w.writeDouble(asNumber(c)); return;
    case 'string': w.writeString(c.kind === 'string' ? c.value : ''); return;
    case 'binary':
      w.writeBinary(c.kind === 'binary' ? c.value : utf8.encode(c.kind === 'string' ? c.value : ''));
      return;
    case 'uuid':
      w.writeUuid((c.kind === 'string' ? parseUuid(c.value) : c.kind === 'binary' ? c.value : undefined) ?? new Uint8Array(16));
      return;
    case 'list': case 'set': {
      const items = c.kind === 'list' ? c.items : [];
      const et = ttypeOf(t.elem);
      if (t.kind === 'list') w.writeListBegin(et, items.length); else w.writeSetBegin(et, items.length);
      for (const item of items) writeConst(schema, w, t.elem, item);
      if (t.kind === 'list') w.writeListEnd(); else w.writeSetEnd();
      return;
    }
    case 'map': {
      const entries = c.kind === 'map' ? c.entries : [];
      w.writeMapBegin(ttypeOf(t.key), ttypeOf(t.value), entries.length);
      for (const [k, v] of entries) {
        writeConst(schema, w, t.key, k);
        writeConst(schema, w, t.value, v);
      }
      w.writeMapEnd();
      return;
    }
    case 'struct': {
      const view = structView(schema, t.name);
      const given = c.kind === 'struct' ? c.fields : [];
      w.writeStructBegin();
      for (const f of view.byIdOrder) {
        const value = given.find((g) => g.name === f.def.name)?.value ?? (view.isUnion ? undefined : f.def.default);
        if (value === undefined) continue;
        w.writeFieldBegin(f.ttype, f.id);
        writeConst(schema, w, f.type, value);
        w.writeFieldEnd();
      }
      w.writeFieldStop();
      w.writeStructEnd();
      return;
    }
  }
}
