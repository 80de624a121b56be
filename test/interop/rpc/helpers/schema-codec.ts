/**
 * A schema-driven codec for the interop IDL, standing in for `sluice codegen` output until codegen lands:
 * types are described as data and one generic walker reads and writes them through the ProtocolWriter /
 * ProtocolReader interfaces, exactly as generated code does. i64 is bigint, binary Uint8Array, map Map,
 * set Set (contract §4).
 */
import { TType, type ProtocolReader, type ProtocolWriter } from '../../../../src/thrift/protocol/protocol';

export type TypeSchema =
  | 'bool' | 'i8' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary'
  | { readonly list: TypeSchema } | { readonly set: TypeSchema } | { readonly map: readonly [TypeSchema, TypeSchema] }
  | { readonly struct: StructSchema };

export interface FieldSchema {
  readonly id: number;
  readonly name: string;
  readonly type: TypeSchema;
}

export interface StructSchema {
  readonly name: string;
  readonly fields: readonly FieldSchema[];
  /** Exceptions decode to instances of this class. */
  readonly errorClass?: new (fields: Record<string, unknown>) => Error;
}

export type StructValue = Record<string, unknown>;

/** The wire type id of a schema type. */
export function ttype(t: TypeSchema): TType {
  if (typeof t === 'string') {
    return ({ bool: TType.BOOL, i8: TType.BYTE, i16: TType.I16, i32: TType.I32, i64: TType.I64,
      double: TType.DOUBLE, string: TType.STRING, binary: TType.STRING } as const)[t];
  }
  if ('list' in t) return TType.LIST;
  if ('set' in t) return TType.SET;
  if ('map' in t) return TType.MAP;
  return TType.STRUCT;
}

/** Writes `v` as type `t`. */
export function writeValue(w: ProtocolWriter, t: TypeSchema, v: unknown): void {
  if (typeof t === 'string') {
    switch (t) {
      case 'bool': return w.writeBool(v as boolean);
      case 'i8': return w.writeByte(v as number);
      case 'i16': return w.writeI16(v as number);
      case 'i32': return w.writeI32(v as number);
      case 'i64': return w.writeI64(v as bigint);
      case 'double': return w.writeDouble(v as number);
      case 'string': return w.writeString(v as string);
      case 'binary': return w.writeBinary(v as Uint8Array);
    }
  }
  if ('list' in t) {
    const items = v as readonly unknown[];
    w.writeListBegin(ttype(t.list), items.length);
    for (const x of items) writeValue(w, t.list, x);
    return w.writeListEnd();
  }
  if ('set' in t) {
    const items = v as ReadonlySet<unknown>;
    w.writeSetBegin(ttype(t.set), items.size);
    for (const x of items) writeValue(w, t.set, x);
    return w.writeSetEnd();
  }
  if ('map' in t) {
    const m = v as ReadonlyMap<unknown, unknown>;
    w.writeMapBegin(ttype(t.map[0]), ttype(t.map[1]), m.size);
    for (const [k, x] of m) { writeValue(w, t.map[0], k); writeValue(w, t.map[1], x); }
    return w.writeMapEnd();
  }
  writeStruct(w, t.struct, v as StructValue);
}

/** Writes the fields of `v` that are set (not undefined). */
export function writeStruct(w: ProtocolWriter, s: StructSchema, v: StructValue): void {
  w.writeStructBegin();
  for (const f of s.fields) {
    const x = v[f.name];
    if (x === undefined) continue;
    w.writeFieldBegin(ttype(f.type), f.id);
    writeValue(w, f.type, x);
    w.writeFieldEnd();
  }
  w.writeFieldStop();
  w.writeStructEnd();
}

/** Reads a value of type `t`. */
export function readValue(r: ProtocolReader, t: TypeSchema): unknown {
  if (typeof t === 'string') {
    switch (t) {
      case 'bool': return r.readBool();
      case 'i8': return r.readByte();
      case 'i16': return r.readI16();
      case 'i32': return r.readI32();
      case 'i64': return r.readI64();
      case 'double': return r.readDouble();
      case 'string': return r.readString();
      case 'binary': return r.readBinary();
    }
  }
  if ('list' in t) {
    const n = r.readListBegin();
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(readValue(r, t.list));
    r.readListEnd();
    return out;
  }
  if ('set' in t) {
    const n = r.readSetBegin();
    const out = new Set<unknown>();
    for (let i = 0; i < n; i++) out.add(readValue(r, t.set));
    r.readSetEnd();
    return out;
  }
  if ('map' in t) {
    const n = r.readMapBegin();
    const out = new Map<unknown, unknown>();
    for (let i = 0; i < n; i++) { const k = readValue(r, t.map[0]); out.set(k, readValue(r, t.map[1])); }
    r.readMapEnd();
    return out;
  }
  return readStruct(r, t.struct);
}

/** Reads a struct; unknown or mistyped fields are skipped. */
export function readStruct(r: ProtocolReader, s: StructSchema): StructValue | Error {
  const out: StructValue = {};
  r.readStructBegin();
  for (;;) {
    const type = r.readFieldBegin();
    if (type === TType.STOP) break;
    const f = s.fields.find((x) => x.id === r.fieldId);
    if (f !== undefined && ttype(f.type) === type) out[f.name] = readValue(r, f.type);
    else r.skip(type);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return s.errorClass === undefined ? out : new s.errorClass(out);
}
