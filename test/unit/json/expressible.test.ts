import test from 'node:test';
import assert from 'node:assert/strict';
import { findInexpressibleMap, jsonToThrift } from '../../../src/json';
import { BinaryWriter } from '../../../src/thrift/protocol';
import { field, people, schemaOf, struct, T } from './schema-fixture';

test('findInexpressibleMap finds struct- and container-keyed maps at any depth, through recursion', () => {
  assert.equal(findInexpressibleMap(people, T.struct('Person')), undefined);
  const schema = schemaOf([
    struct('K', [field(1, 'k', T.i32)]),
    struct('Leaf', [field(1, 'm', T.map(T.struct('K'), T.string), { ann: { 'api.body': 'lookup' } })]),
    struct('Root', [
      field(1, 'self', T.struct('Root'), { req: 'optional' }),
      field(2, 'ok', T.map(T.string, T.list(T.struct('Root')))),
      field(3, 'deep', T.list(T.map(T.i32, T.struct('Leaf')))),
    ]),
    struct('ListKeys', [field(1, 'x', T.map(T.list(T.i32), T.i32))]),
  ]);
  assert.deepEqual(findInexpressibleMap(schema, T.struct('Root')), { path: 'deep[]{}.lookup', keyKind: 'struct' });
  assert.deepEqual(findInexpressibleMap(schema, T.struct('ListKeys')), { path: 'x', keyKind: 'list' });
  assert.deepEqual(findInexpressibleMap(schema, T.map(T.map(T.i32, T.i32), T.i32)), { path: '', keyKind: 'map' });
});

test('the converters reject a struct-keyed map at run time with SLUICE_E_JSON_UNSUPPORTED_TYPE', () => {
  const schema = schemaOf([struct('K', [field(1, 'k', T.i32)]), struct('S', [field(1, 'm', T.map(T.struct('K'), T.i32))])]);
  assert.throws(() => jsonToThrift(schema, T.struct('S'), '{"m":{}}', new BinaryWriter()), { code: 'SLUICE_E_JSON_UNSUPPORTED_TYPE', field: 'm' });
});
