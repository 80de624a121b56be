/** Recursive types: lazy codec references make self- and mutually recursive structs and unions work. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CoRec, Expr, Tree } from './expected/input.js';

function chain(depth: number): Tree {
  let t: Tree = { value: 0 };
  for (let i = 1; i < depth; i++) t = { value: i, children: [t] };
  return t;
}

test('recursive struct, mutually recursive structs and a recursive union round-trip in both protocols', () => {
  const tree: Tree = { value: 1, children: [{ value: 2, children: [] }, { value: 3, children: [{ value: 4 }] }] };
  const corec: CoRec = { other: { other: { other: {} } } };
  const expr: Expr = { sum: [{ literal: 1n }, { named: new Map([['x', { literal: -2n }], ['y', { sum: [] }]]) }] };
  for (const [v, codec] of [[tree, Tree], [corec, CoRec], [expr, Expr]] as const) {
    const c = codec as typeof Tree;
    assert.deepEqual(c.fromBinary(c.toBinary(v as Tree)), v);
    assert.deepEqual(c.fromCompact(c.toCompact(v as Tree)), v);
  }
});

test('decoding nesting deeper than 64 fails with the protocol depth error instead of overflowing the stack', () => {
  assert.equal(Tree.fromBinary(Tree.toBinary(chain(30))).value, 29);
  const deep = chain(100);
  assert.throws(() => Tree.fromBinary(Tree.toBinary(deep)), { code: 'SLUICE_E_THRIFT_DEPTH_EXCEEDED' });
  assert.throws(() => Tree.fromCompact(Tree.toCompact(deep)), { code: 'SLUICE_E_THRIFT_DEPTH_EXCEEDED' });
});
