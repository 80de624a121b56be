import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, errorsOf } from '../harness';

test('OnewayRule: a oneway function with a throws clause is an error', () => {
  assert.deepEqual(errorsOf('exception X {}\nservice V { oneway void f() throws (1: X x) }'), [{ code: 3007, message: 'Oneway function "f" cannot throw exceptions.', line: 2, column: 13 }]);
});

test('OnewayRule: a oneway function returning a value warns (0.17 accepts it)', () => {
  assert.deepEqual(diagnosticsOf('service V { oneway i32 f() }').map((d) => [d.code, d.message]), [[3006, 'Oneway function "f" should return void.']]);
});

test('OnewayRule: oneway void without throws is clean', () => {
  assert.deepEqual(diagnosticsOf('service V { oneway void f(1: i32 a) }'), []);
});
