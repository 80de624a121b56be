/**
 * Generated codecs at the wire's edges, byte for byte against Apache Thrift's Python library in both
 * protocols, and back through our decoders.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { V } from './expected/input.js';
import { hex, pythonSerialize } from '../harness/python-oracle';

const IDL = path.join(__dirname, 'input.thrift');
const big = new Uint8Array(128 * 1024).map((_, i) => (i * 31) & 0xff);

// [TypeScript value, the same value in Python]
const cases: Array<[V, string]> = [
  [{ t: true, f: false }, 'V(t=True, f=False)'],
  [{ s: -1, i: 1, l: -(2n ** 63n) }, 'V(s=-1, i=1, l=-2**63)'],
  [{ b: 127, s: 32767, i: 2147483647, l: 2n ** 63n - 1n }, 'V(b=127, s=32767, i=2147483647, l=2**63-1)'],
  [{ b: -128, s: -32768, i: -2147483648, l: -(2n ** 53n) - 1n }, 'V(b=-128, s=-32768, i=-2147483648, l=-2**53-1)'],
  [{ l: 2n ** 53n + 1n, i: 0, s: 0 }, 'V(l=2**53+1, i=0, s=0)'],
  [{ d: 1 }, 'V(d=1.0)'],
  [{ d: -0 }, 'V(d=-0.0)'],
  [{ d: 5e-324, ds: [Infinity, -Infinity, 1e307, 1e-292, 2 ** 53 - 1] },
    "V(d=5e-324, ds=[float('inf'), float('-inf'), 1e307, 1e-292, 2.0**53-1])"],
  [{ str: 'hé', lb: [true, false] }, "V(str='hé', lb=[True, False])"],
  [{ str: '𝄞 4-byte UTF-8 ✓', bin: new Uint8Array(0) }, "V(str='𝄞 4-byte UTF-8 ✓', bin=b'')"],
  [{ m: new Map(), st: new Set([1]) }, 'V(m={}, st={1})'],
  [{ back: 2, far: 1 }, 'V(back=2, far=1)'],
  [{ farther: -7, ds: [] }, 'V(farther=-7, ds=[])'],
  [{ b: -1, nested: { t: true, nested: { far: 3 } }, back: 9 }, 'V(b=-1, nested=V(t=True, nested=V(far=3)), back=9)'],
  [{ lb: Array.from({ length: 15 }, (_, i) => i % 3 === 0) },
    `V(lb=[${Array.from({ length: 15 }, (_, i) => (i % 3 === 0 ? 'True' : 'False')).join(', ')}])`],
  [{ bin: big }, 'V(bin=bytes((i * 31) & 0xff for i in range(128 * 1024)))'],
];

test('wire edges: generated encode equals Apache Python byte for byte in binary and compact', () => {
  const py = pythonSerialize(IDL, cases.map((c) => c[1]));
  cases.forEach(([value, expr], i) => {
    assert.equal(hex(V.toBinary(value)), hex(py[i]!.binary), `binary: ${expr}`);
    assert.equal(hex(V.toCompact(value)), hex(py[i]!.compact), `compact: ${expr}`);
  });
});

test('wire edges: Python\'s bytes decode to the same value in both protocols', () => {
  const py = pythonSerialize(IDL, cases.map((c) => c[1]));
  cases.forEach(([value, expr], i) => {
    assert.deepEqual(V.fromBinary(py[i]!.binary), value, `binary: ${expr}`);
    assert.deepEqual(V.fromCompact(py[i]!.compact), value, `compact: ${expr}`);
  });
});

test('NaN survives a round trip in both protocols', () => {
  assert.ok(Number.isNaN(V.fromBinary(V.toBinary({ d: NaN })).d));
  assert.ok(Number.isNaN(V.fromCompact(V.toCompact({ d: NaN })).d));
});
