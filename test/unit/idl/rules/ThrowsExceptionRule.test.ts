import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf } from '../harness';

test('ThrowsExceptionRule: a struct in a throws clause is an error', () => {
  assert.deepEqual(errorsOf('struct S {}\nservice V { void f() throws (1: S s) }'), [{ code: 3013, message: 'Throws field "s" is not an exception type.', line: 2, column: 30 }]);
});

test('ThrowsExceptionRule: a base type in a throws clause is an error', () => {
  assert.deepEqual(errorsOf('service V { void f() throws (1: string s) }').map((e) => e.code), [3013]);
});

test('ThrowsExceptionRule: exceptions, also through typedefs and includes, are fine', () => {
  assert.deepEqual(errorsOf('include "e.thrift"\ntypedef e.X Alias\nservice V { void f() throws (1: e.X a, 2: Alias b) }', { '/idl/e.thrift': 'exception X {}' }), []);
});
