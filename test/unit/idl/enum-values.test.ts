import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, schemaOf } from './harness';

const valuesOf = (idl: string) => {
  const def = schemaOf(idl).definitions.get('main.E');
  return def?.kind === 'enum' ? def.members.map((m) => [m.name, m.value]) : assert.fail();
};

test('members without a value continue from the previous one, starting at 0', () => {
  assert.deepEqual(valuesOf('enum E { A, B = 5, C, D = -3, F }'), [['A', 0], ['B', 5], ['C', 6], ['D', -3], ['F', -2]]);
});

test('hex values, repeated values and the i32 limits are accepted', () => {
  assert.deepEqual(valuesOf('enum E { A = 0x10, B = 16, C = 2147483647, D = -2147483648, G }'), [['A', 16], ['B', 16], ['C', 2147483647], ['D', -2147483648], ['G', -2147483647]]);
});

test('a value outside i32 is an error, also when reached by auto-numbering', () => {
  assert.deepEqual(errorsOf('enum E { A = 2147483648 }').map((e) => e.code), [3009]);
  assert.deepEqual(errorsOf('enum E { A = 2147483647, B }').map((e) => [e.code, e.message]), [[3009, 'Enum value 2147483648 of "B" does not fit in 32 bits.']]);
});

test('a member name used twice is an error', () => {
  assert.deepEqual(errorsOf('enum E { A, B, A }').map((e) => [e.code, e.column]), [[3015, 16]]);
});
