/**
 * Hand-built Schema objects for the JSON rule tests (the IDL loader is tested on its own). `field()` and
 * `struct()` keep the fixtures close to the IDL they stand for, which each builder's comment quotes.
 */
import type {
  Annotation, ConstValue, Definition, EnumDef, FieldDef, Requiredness, Schema, StructDef, TypeRef,
} from '../../../src/idl/model';

const loc = { file: '/fixture/test.thrift', line: 1, column: 1 };

export const T = {
  bool: { kind: 'bool' }, i8: { kind: 'i8' }, i16: { kind: 'i16' }, i32: { kind: 'i32' }, i64: { kind: 'i64' },
  double: { kind: 'double' }, string: { kind: 'string' }, binary: { kind: 'binary' }, uuid: { kind: 'uuid' },
  list: (elem: TypeRef): TypeRef => ({ kind: 'list', elem }),
  set: (elem: TypeRef): TypeRef => ({ kind: 'set', elem }),
  map: (key: TypeRef, value: TypeRef): TypeRef => ({ kind: 'map', key, value }),
  struct: (name: string): TypeRef => ({ kind: 'struct', name: `test.${name}` }),
  enum: (name: string): TypeRef => ({ kind: 'enum', name: `test.${name}` }),
} as const satisfies Record<string, TypeRef | ((...a: never[]) => TypeRef)>;

export function field(
  id: number, name: string, type: TypeRef,
  opts: { req?: Requiredness; def?: ConstValue; ann?: Record<string, string> } = {},
): FieldDef {
  const annotations: Annotation[] = Object.entries(opts.ann ?? {}).map(([n, value]) => ({ name: n, value, loc }));
  return { id, name, type, typedefs: [], requiredness: opts.req ?? 'default', default: opts.def, annotations, doc: undefined, loc };
}

export function struct(name: string, fields: FieldDef[], kind: StructDef['kind'] = 'struct'): StructDef {
  return { kind, name, qname: `test.${name}`, file: loc.file, annotations: [], doc: undefined, loc, fields };
}

export function enumDef(name: string, members: Record<string, number>): EnumDef {
  return {
    kind: 'enum', name, qname: `test.${name}`, file: loc.file, annotations: [], doc: undefined, loc,
    members: Object.entries(members).map(([n, value]) => ({ name: n, value, annotations: [], doc: undefined, loc })),
  };
}

export function schemaOf(defs: Definition[]): Schema {
  const file = { path: loc.file, name: 'test', namespaces: {}, includes: [], definitions: defs };
  return { files: new Map([[loc.file, file]]), roots: [loc.file], definitions: new Map(defs.map((d) => [d.qname, d])) };
}

const int = (v: number | bigint): ConstValue => ({ kind: 'int', value: BigInt(v) });
const str = (value: string): ConstValue => ({ kind: 'string', value });

/**
 * enum Color { RED = 1, GREEN = 2 }
 * struct Inner { 1: i32 a = 5, 2: optional string b }
 * union Choice { 1: string s, 2: i64 n, 3: Inner inner }
 * struct Item { 1: required string id, 2: optional map<string, Item> kids }
 * struct Person {
 *   1: required string name, 2: optional string email (api.body="mail"), 3: i64 id (api.js_conv="true"),
 *   4: list<string> tags, 5: map<string, i32> attrs, 6: optional Inner inner, 7: i32 count = 7,
 *   8: optional Color color, 9: optional binary blob, 10: optional double score, 11: optional map<i64, Color> byId,
 *   12: optional Choice choice, 13: optional i8 tiny, 14: optional Inner inner2 = {"b": "x"}, 15: optional uuid uid,
 *   16: optional set<bool> flags, 17: optional map<bool, double> bm, 18: optional list<Item> items,
 *   19: optional i64 big, 20: optional list<i64> bigs (api.js_conv="true"), 21: optional i16 short,
 *   22: optional map<double, string> dm, 23: optional map<Color, i32> cm, 24: optional Person next
 * }
 */
export const people = schemaOf([
  enumDef('Color', { RED: 1, GREEN: 2 }),
  struct('Inner', [field(1, 'a', T.i32, { def: int(5) }), field(2, 'b', T.string, { req: 'optional' })]),
  struct('Choice', [
    field(1, 's', T.string, { req: 'optional' }), field(2, 'n', T.i64, { req: 'optional' }),
    field(3, 'inner', T.struct('Inner'), { req: 'optional' }),
  ], 'union'),
  struct('Item', [field(1, 'id', T.string, { req: 'required' }), field(2, 'kids', T.map(T.string, T.struct('Item')), { req: 'optional' })]),
  struct('Person', [
    field(1, 'name', T.string, { req: 'required' }),
    field(2, 'email', T.string, { req: 'optional', ann: { 'api.body': 'mail' } }),
    field(3, 'id', T.i64, { ann: { 'api.js_conv': 'true' } }),
    field(4, 'tags', T.list(T.string)),
    field(5, 'attrs', T.map(T.string, T.i32)),
    field(6, 'inner', T.struct('Inner'), { req: 'optional' }),
    field(7, 'count', T.i32, { def: int(7) }),
    field(8, 'color', T.enum('Color'), { req: 'optional' }),
    field(9, 'blob', T.binary, { req: 'optional' }),
    field(10, 'score', T.double, { req: 'optional' }),
    field(11, 'byId', T.map(T.i64, T.enum('Color')), { req: 'optional' }),
    field(12, 'choice', T.struct('Choice'), { req: 'optional' }),
    field(13, 'tiny', T.i8, { req: 'optional' }),
    field(14, 'inner2', T.struct('Inner'), { req: 'optional', def: { kind: 'struct', fields: [{ name: 'b', value: str('x') }] } }),
    field(15, 'uid', T.uuid, { req: 'optional' }),
    field(16, 'flags', T.set(T.bool), { req: 'optional' }),
    field(17, 'bm', T.map(T.bool, T.double), { req: 'optional' }),
    field(18, 'items', T.list(T.struct('Item')), { req: 'optional' }),
    field(19, 'big', T.i64, { req: 'optional' }),
    field(20, 'bigs', T.list(T.i64), { req: 'optional', ann: { 'api.js_conv': 'true' } }),
    field(21, 'short', T.i16, { req: 'optional' }),
    field(22, 'dm', T.map(T.double, T.string), { req: 'optional' }),
    field(23, 'cm', T.map(T.enum('Color'), T.i32), { req: 'optional' }),
    field(24, 'next', T.struct('Person'), { req: 'optional' }),
  ]),
]);
