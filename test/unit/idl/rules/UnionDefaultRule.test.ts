import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf } from '../harness';

test('UnionDefaultRule: a second member with a default value is an error', () => {
  assert.deepEqual(errorsOf('union U {\n  1: i32 a = 1,\n  2: string b = "x"\n}'), [{ code: 3022, message: 'Field "b" gives union "U" a second default value.', line: 3, column: 3 }]);
});

test('UnionDefaultRule: one default in a union, or several in a struct, is fine', () => {
  assert.deepEqual(errorsOf('union U { 1: i32 a = 1, 2: string b }\nstruct S { 1: i32 a = 1, 2: string b = "x" }'), []);
});
