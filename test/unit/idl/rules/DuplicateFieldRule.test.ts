import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf } from '../harness';

test('DuplicateFieldRule: a repeated field id is an error at the second field', () => {
  assert.deepEqual(errorsOf('struct S {\n  1: i32 a,\n  1: i32 b\n}'), [{ code: 3001, message: 'Field "1: b" reuses an identifier or name already used.', line: 3, column: 3 }]);
});

test('DuplicateFieldRule: a repeated field name is an error', () => {
  assert.deepEqual(errorsOf('exception X { 1: i32 a, 2: string a }').map((e) => [e.code, e.column]), [[3001, 25]]);
});

test('DuplicateFieldRule: arguments and throws are checked too', () => {
  assert.deepEqual(errorsOf('exception X {}\nservice V { void f(1: i32 a, 1: i32 b) throws (1: X x, 2: X x) }').map((e) => e.code), [3001, 3001]);
});

test('DuplicateFieldRule: the same id in different structs is fine', () => {
  assert.deepEqual(errorsOf('struct A { 1: i32 a }\nstruct B { 1: i32 a }'), []);
});
