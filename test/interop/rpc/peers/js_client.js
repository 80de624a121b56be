'use strict';
// npm thrift 0.24 interop client: runs the method contract against a server and prints one line per
// check, "ok NAME" or "FAIL NAME: reason". Exit status 0 when every check passed.
// usage: js_client.js GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed
const assert = require('node:assert/strict');
const path = require('node:path');
const c = require('./js_common');
const Interop = require(path.join(c.genDir, 'Interop.js'));
const Second = require(path.join(c.genDir, 'Second.js'));
const types = require(path.join(c.genDir, 'interop_types.js'));
const { Int64 } = c.thrift;

/** node-int64 from a bigint, exact (never through a double; Int64(string) parses hex). */
const i64 = (v) => new Int64(BigInt.asUintN(64, v).toString(16).padStart(16, '0'));
const xt = (s, b, i, l) => new types.Xtruct({ string_thing: s, byte_thing: b, i32_thing: i, i64_thing: i64(l) });

const STRINGS = ['', 'hé', 'パイソン', '𝄞 😀 4-byte UTF-8', '\b\t\n/\\\r{}:"quoted"', 'x'.repeat(70000)];
const I64S = [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, -34359738368n,
  7000000000000000123n, -7000000000000000123n, 2n ** 32n + 1n, -(2n ** 32n) - 1n];
const BINARIES = [Buffer.alloc(0), Buffer.of(0), Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from(Array.from({ length: 131072 }, (_, i) => (i * 7) & 0xff))];

function kitchen(withOptional) {
  return new types.Kitchen({
    yes: true, no: false, i8v: -128, i16v: -32768, i32v: -2147483648, i64v: i64(2n ** 63n - 1n), dbl: -5.235098235,
    str: '𝄞 kitchen パイソン', bin: Buffer.of(0, 255, 128, 1), num: 8, longs: [i64(-(2n ** 63n)), i64(0n), i64(2n ** 63n - 1n)],
    names: ['a b', '0', ''],
    nested: { outer: [{ '-4': xt('deep', 127, -1, -1n), 4: xt('', -128, 0, 0n) }, {}], empty: [] },
    choice: new types.Choice({ item: xt('union member', 3, 4, 5n) }),
    maybe: withOptional ? xt('optional', 0, 0, 0n) : null,
    sets: { 1: [-1, 32767], '-2': [] },
    doubles: [0, 1e307, 1e-292, -0.000341012439638598279, 2 ** 53 - 1, Infinity, NaN],
  });
}

/** Plain data for comparison: Int64 and Buffer as hex, unset (null/undefined) members dropped. */
function plain(v) {
  if (v instanceof Int64) return 'i64:' + v.toOctetString();
  if (Buffer.isBuffer(v)) return 'bin:' + v.toString('hex');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

const rejection = (p) => p.then(() => undefined, (e) => e);

const CHECKS = {
  void: async (cl) => assert.equal(await cl.testVoid(), undefined),
  strings: async (cl) => { for (const s of STRINGS) assert.equal(await cl.echoString(s), s); },
  i64Extremes: async (cl) => { for (const v of I64S) assert.equal((await cl.echoI64(i64(v))).toOctetString(), i64(v).toOctetString()); },
  doubles: async (cl) => {
    for (const d of [-0, 0, NaN, Infinity, -Infinity, 2 ** -1074, Number.MAX_VALUE, -5.235098235]) {
      assert.ok(Object.is(await cl.echoDouble(d), d), `echoDouble ${Object.is(d, -0) ? '-0' : d}`);
    }
  },
  boolList: async (cl) => assert.deepEqual(await cl.echoBools([true, false, true, true]), [true, false, true, true]),
  binaries: async (cl) => { for (const b of BINARIES) assert.equal(Buffer.from(await cl.echoBinary(b)).toString('hex'), b.toString('hex')); },
  unions: async (cl) => {
    for (const u of [new types.Choice({ text: 'パイソン' }), new types.Choice({ number: i64(-(2n ** 63n)) }),
      new types.Choice({ item: xt('in a union', 1, 2, 3n) })]) assert.deepEqual(plain(await cl.echoChoice(u)), plain(u));
  },
  kitchen: async (cl) => {
    for (const opt of [true, false]) {
      const k = kitchen(opt);
      const got = await cl.echoKitchen(k);
      assert.deepEqual(plain(got), plain(k));
    }
  },
  multiArgs: async (cl) => assert.deepEqual(plain(await cl.testMulti(-127, 2147483647, i64(-(2n ** 63n)))),
    plain(xt('Hello2', -127, 2147483647, -(2n ** 63n)))),
  declaredExceptions: async (cl) => {
    const x = await rejection(cl.testMultiException('Xception', 'x'));
    assert.ok(x instanceof types.Xception, `expected Xception, got ${x}`);
    assert.equal(x.errorCode, 1001);
    assert.equal(x.message, 'This is an Xception');
    const x2 = await rejection(cl.testMultiException('Xception2', 'x'));
    assert.ok(x2 instanceof types.Xception2, `expected Xception2, got ${x2}`);
    assert.equal(x2.errorCode, 2002);
    assert.equal(x2.struct_thing.string_thing, 'This is an Xception2');
    assert.equal((await cl.testMultiException('no', 'fine')).string_thing, 'fine');
  },
  undeclaredException: async (cl) => {
    const e = await rejection(cl.testMultiException('TException', 'x'));
    assert.ok(e instanceof c.thrift.Thrift.TApplicationException, `expected TApplicationException, got ${e}`);
    assert.equal(e.type, c.thrift.Thrift.TApplicationExceptionType.INTERNAL_ERROR);
  },
  onewayThenNormal: async (cl) => {
    const before = await cl.onewayCount();
    await cl.testOneway(7);
    assert.equal(await cl.echoString('after oneway'), 'after oneway');
    assert.equal(await cl.onewayCount(), before + 1);
  },
  i64MapKeys: async (cl) => {
    const m = { [i64(2n ** 63n - 1n)]: 'max', [i64(-(2n ** 63n))]: 'min', [i64(10n)]: 'ten' };
    assert.deepEqual(await cl.echoI64Map(m), m);
  },
  secondService: async (_cl, second) => {
    if (second) assert.equal(await second.secondtestString('パイソン'), 'testString("パイソン")');
  },
};

async function main() {
  const conn = c.thrift.createConnection('127.0.0.1', c.port, { transport: c.transport, protocol: c.protocol, connect_timeout: 5000 });
  conn.on('error', (err) => console.log('connection error:', err.message));
  await new Promise((resolve, reject) => { conn.once('connect', resolve); conn.once('error', reject); });
  let client = c.thrift.createClient(Interop, conn);
  let second;
  if (c.mux) {
    const mp = new c.thrift.Multiplexer();
    client = mp.createClient('Interop', Interop, conn);
    second = mp.createClient('Second', Second, conn);
  }
  let failed = 0;
  for (const [name, check] of Object.entries(CHECKS)) {
    try {
      await Promise.race([check(client, second),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 10 s')), 10000).unref())]);
      console.log('ok', name);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${String(e && e.message || e).slice(0, 300).replace(/\n/g, ' ')}`);
    }
  }
  conn.end();
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log('FAIL connect:', e.message); process.exit(1); });
