/**
 * The method contract every client run checks against a server (ours or a peer's): each check is a named
 * async function so a failure names exactly what broke and known failures can be listed by name.
 */
import * as assert from 'node:assert/strict';
import { TApplicationException, TApplicationExceptionType } from '../../../../src/thrift/rpc/application-exception';
import type { ProtocolWriter } from '../../../../src/thrift/protocol/protocol';
import type { RpcCaller } from '../../../../src/thrift/rpc/types';
import type { DynamicClient, InteropBindings } from './bindings';
import { BINARIES, CHOICES, DOUBLES, I64_MAP, I64S, STRINGS, kitchen } from './values';

/** One check: `c` is the Interop client, `second` the Second client (multiplexed runs), `caller` the raw connection. */
export type Check = (c: DynamicClient, second: DynamicClient | undefined, caller: RpcCaller, b: InteropBindings) => Promise<void>;

export const CLIENT_CHECKS: Record<string, Check> = {
  void: async (c) => assert.equal(await c.testVoid!(), undefined),
  strings: async (c) => { for (const s of STRINGS) assert.equal(await c.echoString!(s), s); },
  i64Extremes: async (c) => { for (const v of I64S) assert.equal(await c.echoI64!(v), v); },
  doubles: async (c) => { for (const d of DOUBLES) assert.ok(Object.is(await c.echoDouble!(d), d), `echoDouble ${Object.is(d, -0) ? '-0' : d}`); },
  boolList: async (c) => assert.deepEqual(await c.echoBools!([true, false, true, true]), [true, false, true, true]),
  binaries: async (c) => { for (const b of BINARIES) assert.deepEqual(Buffer.from(await c.echoBinary!(b)), Buffer.from(b)); },
  unions: async (c) => { for (const u of CHOICES) assert.deepEqual(normalize(await c.echoChoice!(u)), normalize(u)); },
  kitchen: async (c) => {
    for (const withOptional of [true, false]) {
      const k = kitchen(withOptional);
      assert.deepEqual(normalize(await c.echoKitchen!(k)), normalize(k));
    }
  },
  multiArgs: async (c) => assert.deepEqual(await c.testMulti!(-127, 2147483647, -(2n ** 63n)),
    { string_thing: 'Hello2', byte_thing: -127, i32_thing: 2147483647, i64_thing: -(2n ** 63n) }),
  declaredExceptions: async (c, _s, _caller, b) => {
    const e1 = await c.testMultiException!('Xception', 'x').then(() => undefined, (e: unknown) => e);
    const x = b.asXception(e1);
    assert.ok(x !== undefined, `expected Xception, got ${String(e1)}`);
    assert.equal(x.errorCode, 1001);
    assert.equal(x.message, 'This is an Xception');
    const e2 = await c.testMultiException!('Xception2', 'x').then(() => undefined, (e: unknown) => e);
    const x2 = b.asXception2(e2);
    assert.ok(x2 !== undefined, `expected Xception2, got ${String(e2)}`);
    assert.equal(x2.errorCode, 2002);
    assert.equal(x2.struct_thing?.string_thing, 'This is an Xception2');
    assert.deepEqual(await c.testMultiException!('no', 'fine'), { string_thing: 'fine' });
  },
  undeclaredException: async (c) => {
    const e = await c.testMultiException!('TException', 'x').then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof TApplicationException, `expected TApplicationException, got ${String(e)}`);
    assert.equal(e.code, 'SLUICE_E_RPC_APPLICATION');
  },
  onewayThenNormal: async (c) => {
    const before: number = await c.onewayCount!();
    assert.equal(await c.testOneway!(7), undefined);
    // The next normal call on the same connection must get its own reply, not be off by one.
    assert.equal(await c.echoString!('after oneway'), 'after oneway');
    assert.equal(await c.onewayCount!(), before + 1);
  },
  pipelined: async (c) => {
    const n = 64;
    const replies = await Promise.all(Array.from({ length: n }, (_, i) => c.echoString!(`call ${i}`)));
    assert.deepEqual(replies, Array.from({ length: n }, (_, i) => `call ${i}`));
  },
  unknownMethod: async (_c, _s, caller) => {
    const empty = (w: ProtocolWriter) => { w.writeStructBegin(); w.writeFieldStop(); w.writeStructEnd(); };
    const e = await caller.call('noSuchMethod', false, empty, () => 'unexpected reply').then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof TApplicationException, `expected TApplicationException, got ${String(e)}`);
    assert.equal(e.type, TApplicationExceptionType.UNKNOWN_METHOD);
  },
  i64MapKeys: async (c) => assert.deepEqual(await c.echoI64Map!(I64_MAP), I64_MAP),
  secondService: async (_c, second) => {
    if (second === undefined) return;
    assert.equal(await second.secondtestString!('パイソン'), 'testString("パイソン")');
  },
};

/** Structs compare by set fields only; `undefined` members (unset) are dropped. */
function normalize(v: unknown): unknown {
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [normalize(k), normalize(x)]));
  if (v instanceof Set) return new Set([...v].map(normalize));
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, normalize(x)]));
  }
  return v;
}
