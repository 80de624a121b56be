/**
 * What the converters need from the schema model, computed once per struct and cached: JSON keys
 * (`api.body` renames), fields by key and by id, the write order (by id, as Apache's generated code
 * writes), and which fields carry `api.js_conv`.
 */
import type { EnumDef, FieldDef, Schema, StructDef, TypeRef } from '../idl/model';
import { TType } from '../thrift/protocol/protocol';
import { JsonUnsupportedTypeError } from './errors';

export interface FieldView {
  readonly def: FieldDef;
  readonly id: number;
  readonly type: TypeRef;
  readonly ttype: TType;
  /** The JSON key: the first `api.body` annotation's value, else the field name. */
  readonly key: string;
  /** `key` as a JSON string literal, ready for output. */
  readonly keyJson: string;
  /** `api.js_conv="true"`: i64 values inside this field are strings in JSON. */
  readonly jsConv: boolean;
  readonly required: boolean;
}

export interface StructView {
  readonly def: StructDef;
  readonly isUnion: boolean;
  /** Declaration order (JSON output order). */
  readonly fields: ReadonlyArray<FieldView>;
  /** Ascending field id (Thrift write order, matching Apache's generated writers). */
  readonly byIdOrder: ReadonlyArray<FieldView>;
  readonly byKey: ReadonlyMap<string, FieldView>;
  /** Index into `fields` by field id. */
  readonly indexById: ReadonlyMap<number, number>;
}

export interface EnumView {
  readonly def: EnumDef;
  readonly byName: ReadonlyMap<string, number>;
  readonly byValue: ReadonlyMap<number, string>;
}

const structViews = new WeakMap<StructDef, StructView>();
const enumViews = new WeakMap<EnumDef, EnumView>();

/** The wire type of a schema type. */
export function ttypeOf(t: TypeRef): TType {
  switch (t.kind) {
    case 'bool': return TType.BOOL;
    case 'i8': return TType.BYTE;
    case 'i16': return TType.I16;
    case 'i32': case 'enum': return TType.I32;
    case 'i64': return TType.I64;
    case 'double': return TType.DOUBLE;
    case 'string': case 'binary': return TType.STRING;
    case 'uuid': return TType.UUID;
    case 'list': return TType.LIST;
    case 'set': return TType.SET;
    case 'map': return TType.MAP;
    case 'struct': return TType.STRUCT;
  }
}

function isJsConv(f: FieldDef): boolean {
  return f.annotations.some((a) => a.name === 'api.js_conv' && (a.value === 'true' || a.value === ''));
}

/** The struct, union or exception `name` names, with its cached view. */
export function structView(schema: Schema, name: string): StructView {
  const def = schema.definitions.get(name);
  if (!def || (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception')) {
    throw JsonUnsupportedTypeError(`schema has no struct, union or exception named ${name}`);
  }
  let view = structViews.get(def);
  if (view) return view;
  const fields = def.fields.map((f): FieldView => {
    const key = f.annotations.find((a) => a.name === 'api.body' && a.value !== '')?.value ?? f.name;
    return {
      def: f, id: f.id, type: f.type, ttype: ttypeOf(f.type), key, keyJson: JSON.stringify(key),
      jsConv: isJsConv(f), required: f.requiredness === 'required',
    };
  });
  view = {
    def,
    isUnion: def.kind === 'union',
    fields,
    byIdOrder: [...fields].sort((a, b) => a.id - b.id),
    byKey: new Map(fields.map((f) => [f.key, f])),
    indexById: new Map(fields.map((f, i) => [f.id, i])),
  };
  structViews.set(def, view);
  return view;
}

/** The enum `name` names, with name/value lookups. */
export function enumView(schema: Schema, name: string): EnumView {
  const def = schema.definitions.get(name);
  if (!def || def.kind !== 'enum') throw JsonUnsupportedTypeError(`schema has no enum named ${name}`);
  let view = enumViews.get(def);
  if (view) return view;
  const byValue = new Map<number, string>();
  for (const m of def.members) if (!byValue.has(m.value)) byValue.set(m.value, m.name);
  view = { def, byName: new Map(def.members.map((m) => [m.name, m.value])), byValue };
  enumViews.set(def, view);
  return view;
}

/** Rejects map key types JSON object keys cannot express (structs and containers), naming the map. */
export function assertJsonMapKey(key: TypeRef, where: string | undefined): void {
  if (key.kind === 'struct' || key.kind === 'list' || key.kind === 'set' || key.kind === 'map') {
    throw JsonUnsupportedTypeError(`map keys of type ${key.kind} cannot be expressed as JSON object keys${where ? ` (at ${where})` : ''}`, where === undefined ? {} : { field: where });
  }
}
