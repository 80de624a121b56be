import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { multiplexedName, splitMultiplexedName } from '../../../../src/thrift/rpc/multiplexed';

test('multiplexed names are Service:method out and split at the first colon in', () => {
  assert.equal(multiplexedName('Calc', 'add'), 'Calc:add');
  assert.deepEqual(splitMultiplexedName('Calc:add'), { service: 'Calc', method: 'add' });
  assert.deepEqual(splitMultiplexedName('add'), { service: undefined, method: 'add' });
  assert.deepEqual(splitMultiplexedName('A:b:c'), { service: 'A', method: 'b:c' });
});
