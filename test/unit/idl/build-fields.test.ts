import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, schemaOf } from './harness';

const fieldsOf = (idl: string, qname: string) => {
  const def = schemaOf(idl).definitions.get(qname);
  return def?.kind === 'struct' || def?.kind === 'union' || def?.kind === 'exception' ? def.fields : assert.fail(`${qname} is not a struct`);
};

test('fields without a positive id get automatic ids -1, -2, … in declaration order', () => {
  assert.deepEqual(fieldsOf('struct S { i32 a, 5: i32 b, i32 c, 0: i32 d, -7: i32 e }', 'main.S').map((f) => [f.name, f.id]), [
    ['a', -1], ['b', 5], ['c', -2], ['d', -3], ['e', -4],
  ]);
  assert.deepEqual(diagnosticsOf('struct S { i32 a, 0: i32 d }').map((d) => d.code), [3004, 3003]);
});

test('each field list counts automatic ids from -1 again', () => {
  const svc = schemaOf('exception X {}\nservice V { void f(i32 a) throws (X x) }').definitions.get('main.V');
  const fn = svc?.kind === 'service' ? svc.functions[0]! : assert.fail();
  assert.deepEqual([fn.args[0]!.id, fn.throws[0]!.id], [-1, -1]);
});

test('an id above 32767 warns and is kept, as in 0.17', () => {
  assert.deepEqual(diagnosticsOf('struct S { 40000: i32 a }').map((d) => d.code), [3002]);
  assert.equal(fieldsOf('struct S { 40000: i32 a }', 'main.S')[0]!.id, 40000);
});

test('requiredness: required, optional, or default when unmarked', () => {
  assert.deepEqual(fieldsOf('struct S { 1: required i32 a, 2: optional i32 b, 3: i32 c }', 'main.S').map((f) => f.requiredness), ['required', 'optional', 'default']);
});

test('union members are always optional; `required` on one warns', () => {
  assert.deepEqual(fieldsOf('union U { 1: required i32 a, 2: i32 b }', 'main.U').map((f) => f.requiredness), ['optional', 'optional']);
  assert.deepEqual(diagnosticsOf('union U { 1: required i32 a }').map((d) => d.code), [3005]);
});

test('`optional` is ignored on arguments (warning) while `required` is kept', () => {
  const svc = schemaOf('service V { void f(1: required i32 a, 2: optional i32 b) }').definitions.get('main.V');
  assert.deepEqual(svc?.kind === 'service' ? svc.functions[0]!.args.map((a) => a.requiredness) : [], ['required', 'default']);
  assert.deepEqual(diagnosticsOf('service V { void f(2: optional i32 b) }').map((d) => d.code), [3018]);
});

test('field annotations keep order and valueless ones read as the empty string', () => {
  const [f] = fieldsOf('struct S { 1: string s (api.query = "q", flag, api.query = "r") }', 'main.S');
  assert.deepEqual(f!.annotations.map((a) => [a.name, a.value]), [['api.query', 'q'], ['flag', ''], ['api.query', 'r']]);
});

test('exceptions in a throws clause must be defined earlier (0.17 checks them while parsing); arguments may refer forward', () => {
  assert.deepEqual(diagnosticsOf('service V { void f() throws (1: X x) }\nexception X {}').map((d) => [d.code, d.column]), [[3021, 33]]);
  assert.deepEqual(diagnosticsOf('service V { X f(1: X a) }\nstruct X {}'), []);
});
