import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConstValue } from '../../../src/idl';
import { diagnosticsOf, errorsOf, schemaOf } from './harness';

const constOf = (idl: string, name: string, files: Record<string, string> = {}): ConstValue => {
  const def = schemaOf(idl, files).definitions.get(`main.${name}`);
  assert.equal(def?.kind, 'const');
  return def.kind === 'const' ? def.value : assert.fail();
};

test('integers coerce to double', () => {
  assert.deepEqual(constOf('const double D = 3', 'D'), { kind: 'double', value: 3 });
  assert.deepEqual(constOf('const double D = -0x10', 'D'), { kind: 'double', value: -16 });
});

test('bool takes true/false and integers (nonzero is true); not doubles or strings', () => {
  assert.deepEqual(constOf('const bool B = 0', 'B'), { kind: 'bool', value: false });
  assert.deepEqual(constOf('const bool B = 1', 'B'), { kind: 'bool', value: true });
  assert.deepEqual(constOf('const bool B = true', 'B'), { kind: 'bool', value: true });
  assert.deepEqual(errorsOf('const bool B = 1.0').map((e) => e.code), [3008]);
  assert.deepEqual(errorsOf('const bool B = "true"').map((e) => e.code), [3008]);
});

test('i64 beyond 2^53 stays exact as bigint', () => {
  assert.deepEqual(constOf('const i64 X = 9007199254740993', 'X'), { kind: 'int', value: 9007199254740993n });
  assert.deepEqual(constOf('const i64 X = -9223372036854775808', 'X'), { kind: 'int', value: -9223372036854775808n });
});

test('an integer outside a narrower type warns (0.17 accepts it) and keeps its value', () => {
  assert.deepEqual(diagnosticsOf('const i8 X = 300').map((d) => d.code), [3016]);
  assert.deepEqual(constOf('const i8 X = 300', 'X'), { kind: 'int', value: 300n });
});

test('strings become binary as UTF-8 bytes', () => {
  assert.deepEqual(constOf('const binary B = "é"', 'B'), { kind: 'binary', value: new Uint8Array([0xc3, 0xa9]) });
});

test('sets take [..] or {}; a non-empty map literal for a list is refused (0.17 silently emits an empty list)', () => {
  assert.deepEqual(constOf('const set<i32> S = [1, 2]', 'S'), { kind: 'list', items: [{ kind: 'int', value: 1n }, { kind: 'int', value: 2n }] });
  assert.deepEqual(constOf('const set<i32> S = {}', 'S'), { kind: 'list', items: [] });
  assert.deepEqual(errorsOf('const list<i32> L = {1: 2}').map((e) => e.code), [3008]);
  assert.deepEqual(errorsOf('const map<i32, i32> M = [1, 2]').map((e) => e.code), [3008]);
});

test('struct literals are keyed by field name, nest, and refuse unknown fields', () => {
  const idl = 'struct In { 1: string s }\nstruct Out { 1: In inner, 2: list<In> all, 3: double d }\n';
  assert.deepEqual(constOf(idl + 'const Out O = {"inner": {"s": "x"}, "d": 1}', 'O'), {
    kind: 'struct',
    fields: [{ name: 'inner', value: { kind: 'struct', fields: [{ name: 's', value: { kind: 'string', value: 'x' } }] } }, { name: 'd', value: { kind: 'double', value: 1 } }],
  });
  assert.deepEqual(errorsOf(idl + 'const Out O = {"nope": 1}'), [{ code: 3011, message: 'Struct "Out" has no field "nope".', line: 3, column: 16 }]);
});

test('enum constants are written E.X (or prefix.E.X) and checked against the enum', () => {
  assert.deepEqual(constOf('enum E { A = 3, B }\nconst E X = E.B', 'X'), { kind: 'int', value: 4n });
  assert.deepEqual(constOf('include "dep.thrift"\nconst dep.E X = dep.E.B', 'X', { '/idl/dep.thrift': 'enum E { A, B }' }), { kind: 'int', value: 1n });
  assert.deepEqual(constOf('enum E { A = 3 }\nconst i32 X = E.A', 'X'), { kind: 'int', value: 3n });
  assert.deepEqual(constOf('enum E { A = 3 }\nconst E X = 3', 'X'), { kind: 'int', value: 3n });
  assert.deepEqual(errorsOf('enum E { A }\nconst E X = A').map((e) => [e.code, e.message]), [[2009, 'Identifier "A" is unqualified.']]);
  assert.deepEqual(errorsOf('enum E { A = 1 }\nconst E X = 2').map((e) => [e.code, e.message]), [[3010, 'Enum "E" has no value 2.']]);
  assert.deepEqual(errorsOf('enum E { A }\nconst i32 X = E.Z').map((e) => e.code), [2004]);
});

test('constants may name earlier constants (same file or included), coerced to the new type', () => {
  assert.deepEqual(constOf('const i32 A = 2\nconst double B = A', 'B'), { kind: 'double', value: 2 });
  assert.deepEqual(constOf('include "dep.thrift"\nconst i64 B = dep.A', 'B', { '/idl/dep.thrift': 'const i32 A = 7' }), { kind: 'int', value: 7n });
  assert.deepEqual(errorsOf('const i32 B = A\nconst i32 A = 1').map((e) => e.code), [2004]);
  assert.deepEqual(errorsOf('const string A = "x"\nconst i32 B = A').map((e) => e.code), [3008]);
});

test('a constant value needs its type defined earlier in the file (0.17 checks while parsing)', () => {
  assert.deepEqual(errorsOf('const E X = E.A\nenum E { A }').map((e) => e.code), [3019]);
  assert.deepEqual(errorsOf('struct S { 1: T t = {} }\nstruct T {}').map((e) => e.code), [3019]);
});

test('field defaults are coerced to the field type', () => {
  const def = schemaOf('struct S { 1: double d = 1, 2: bool b = 0, 3: optional string s = "x" }').definitions.get('main.S');
  assert.deepEqual(def?.kind === 'struct' ? def.fields.map((f) => f.default) : [], [
    { kind: 'double', value: 1 }, { kind: 'bool', value: false }, { kind: 'string', value: 'x' },
  ]);
});

test('where an enum is expected, the member is looked up in that enum whatever the prefix (0.17 does the same)', () => {
  assert.deepEqual(constOf('enum E { A, B }\nenum F { B = 7 }\nconst E X = F.B', 'X'), { kind: 'int', value: 1n });
  assert.deepEqual(constOf('enum E { A, B }\nconst E X = x.y.B', 'X'), { kind: 'int', value: 1n });
  assert.deepEqual(errorsOf('enum E { A, B }\nconst E X = x.y.z.B').map((e) => e.code), [3010]);
  assert.deepEqual(errorsOf('enum E { A, B }\nconst E D = E.B\nconst E X = D').map((e) => e.code), [2009]);
});

test('a struct literal naming a field twice keeps the last value (0.17 accepts it)', () => {
  assert.deepEqual(constOf('struct S { 1: i32 a }\nconst S X = { "a": 1, "a": 2 }', 'X'), { kind: 'struct', fields: [{ name: 'a', value: { kind: 'int', value: 2n } }] });
});

test('an enum value written with another prefix warns that it is read in the expected enum', () => {
  assert.deepEqual(diagnosticsOf('enum E { A, B }\nenum F { B = 7 }\nconst E X = F.B').map((d) => [d.code, d.message]), [[3020, 'Value "F.B" is read as E.B.']]);
  assert.deepEqual(diagnosticsOf('include "d.thrift"\nconst d.E X = d.E.A', { '/idl/d.thrift': 'enum E { A }' }), []);
});

test('an integer literal beyond 64 bits is reported once, by the lexer', () => {
  assert.deepEqual(diagnosticsOf('const i64 X = 9223372036854775808').map((d) => d.code), [1005]);
});

test('a typedef used by a constant value must lead to types defined earlier, all along its chain', () => {
  assert.deepEqual(errorsOf('typedef F T\nstruct S { 1: T c = 1 }\ntypedef i64 F').map((e) => [e.code, e.line]), [[3019, 1]]);
  assert.deepEqual(constOf('typedef F T\ntypedef i64 F\nconst T X = 1', 'X'), { kind: 'int', value: 1n });
});

test('values of typedef types are checked like any other (0.17 skips the check; see docs/idl.md)', () => {
  assert.deepEqual(errorsOf('typedef i64 T\nconst T X = "str"').map((e) => e.code), [3008]);
});
