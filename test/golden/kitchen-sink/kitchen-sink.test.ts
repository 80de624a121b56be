/**
 * Behaviour of the kitchen-sink codecs: byte equality with Apache Thrift's Python library in both
 * protocols, round trips, requiredness and defaults, unknown and mistyped fields, unions, enums, consts,
 * and the service client/handler/definition over the project's own RPC runtime.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BinaryReader, BinaryWriter, CompactWriter, TApplicationException, TType, createClient, createServer } from 'sluice/runtime';
import type { ProtocolWriter } from 'sluice/runtime';
import {
  BIG, BY_NAME, Containers, Defaults, Envelope, GREETING, Invalid, InvalidError, MAGIC, MoreThingsClient,
  MoreThingsDefinition, NEG_ZERO, NESTED, NotFound, NotFoundError, ORIGIN, Point, Primitives, Shape, SMALL,
  Status, StatusNames, StatusValues, TAGS, ThingsClient, ThingsDefinition, UNIT, type MoreThingsHandler,
} from './expected/input.js';
import { hex, pythonSerialize } from '../harness/python-oracle';

const IDL = path.join(__dirname, 'input.thrift');

const envelope: Envelope = {
  owner: -9007199254740993n,
  shape: { polygon: [{ x: 0, y: 1 }, { x: -0.5, y: 1e300 }] },
  status: Status.PAUSED,
  prims: {
    b: true, i8v: -128, i16v: -32768, i32v: 2147483647, i64v: 9223372036854775807n, d: -0, s: 'hé 𝄞',
    bin: new Uint8Array([0, 255, 128]), rb: false, ri64: -1n, os: '', obin: new Uint8Array(0),
  },
  cont: {
    ints: [1, -1, 0], strs: new Set(['only']), counts: new Map([['a', 1n], ['b', -2n]]), grid: [[1, 2], [], [-3]],
    statusSets: new Map([[1, new Set([Status.ACTIVE])]]), points: [{ x: 1, y: 2 }],
    byStatus: new Map([[Status.GONE, { x: 3, y: 4 }]]), deep: [new Map([['t', [true, false, true]]])],
    ids: new Set([5n]), weights: new Map([[new Uint8Array([1, 2]), 0.25]]), names: ['x', 'y'], users: [1n, 2n],
  },
  // Python's constructor fills every default in, so the equal TS value spells them out.
  defs: {
    n: 7, s: 'dflt', st: Status.ACTIVE, li: [1, 2], m: new Map([['k', 1]]), p: { x: 1.5, y: -2 },
    big: 9007199254740993n, d: 2, flag: true, raw: new TextEncoder().encode('raw'), sts: new Set([Status.GONE]),
  },
};

const envelopePy = `Envelope(owner=-9007199254740993,
  shape=Shape(polygon=[Point(x=0.0, y=1.0), Point(x=-0.5, y=1e300)]),
  status=Status.PAUSED,
  prims=Primitives(b=True, i8v=-128, i16v=-32768, i32v=2147483647, i64v=9223372036854775807, d=-0.0,
    s='hé 𝄞', bin=bytes([0, 255, 128]), rb=False, ri64=-1, os='', obin=b''),
  cont=Containers(ints=[1, -1, 0], strs={'only'}, counts={'a': 1, 'b': -2}, grid=[[1, 2], [], [-3]],
    statusSets={1: {Status.ACTIVE}}, points=[Point(x=1.0, y=2.0)], byStatus={Status.GONE: Point(x=3.0, y=4.0)},
    deep=[{'t': [True, False, True]}], ids={5}, weights={bytes([1, 2]): 0.25}, names=['x', 'y'], users=[1, 2]),
  defs=Defaults())`;

test('kitchen-sink: encode is byte-identical to Apache Python in binary and compact, and decodes Python bytes back', () => {
  const [py] = pythonSerialize(IDL, [envelopePy]);
  assert.equal(hex(Envelope.toBinary(envelope)), hex(py!.binary));
  assert.equal(hex(Envelope.toCompact(envelope)), hex(py!.compact));
  assert.deepEqual(Envelope.fromBinary(py!.binary), envelope);
  assert.deepEqual(Envelope.fromCompact(py!.compact), envelope);
});

test('kitchen-sink: a union and a struct with only required fields match Python byte for byte', () => {
  const cases: Array<[Uint8Array, Uint8Array, string]> = [
    [Shape.toBinary({ circle: -2.5 }), Shape.toCompact({ circle: -2.5 }), 'Shape(circle=-2.5)'],
    [Primitives.toBinary({ rb: true, ri64: -9223372036854775808n }), Primitives.toCompact({ rb: true, ri64: -9223372036854775808n }),
      'Primitives(rb=True, ri64=-9223372036854775808)'],
  ];
  const py = pythonSerialize(IDL, cases.map((c) => c[2]));
  cases.forEach(([bin, compact], i) => {
    assert.equal(hex(bin), hex(py[i]!.binary));
    assert.equal(hex(compact), hex(py[i]!.compact));
  });
});

test('kitchen-sink: encode then decode returns an equal value in both protocols', () => {
  assert.deepEqual(Envelope.fromBinary(Envelope.toBinary(envelope)), envelope);
  assert.deepEqual(Envelope.fromCompact(Envelope.toCompact(envelope)), envelope);
});

test('kitchen-sink: toBinary equals encode() into a BinaryWriter, and the result is a copy the caller owns', () => {
  const w = new BinaryWriter();
  Envelope.encode(envelope, w);
  const bytes = Envelope.toBinary(envelope);
  assert.deepEqual(bytes, w.finish());
  const again = Envelope.toBinary({ owner: 1n });
  assert.notEqual(hex(bytes), hex(again));
  assert.deepEqual(Envelope.fromBinary(bytes), envelope, 'a later toBinary must not overwrite an earlier result');
});

test('decode applies IDL defaults to absent fields whatever their requiredness, fresh each time', () => {
  for (const [enc, dec] of [[Defaults.toBinary, Defaults.fromBinary], [Defaults.toCompact, Defaults.fromCompact]] as const) {
    const a = dec(enc({ st: Status.ACTIVE }));
    assert.deepEqual(a, envelope.defs);
    const b = dec(enc({ st: Status.ACTIVE }));
    a.li!.push(3);
    assert.deepEqual(b.li, [1, 2], 'a default container must not be shared between decoded values');
  }
  const given = Defaults.fromBinary(Defaults.toBinary({ st: Status.GONE, n: 0, s: '' }));
  assert.equal(given.n, 0);
  assert.equal(given.s, '');
  assert.equal(given.st, Status.GONE);
});

test('absent optional and default fields stay absent after decode (no own property holding undefined)', () => {
  const v = Primitives.fromCompact(Primitives.toCompact({ rb: false, ri64: 0n }));
  assert.deepEqual(Object.keys(v).sort(), ['rb', 'ri64']);
});

test('a missing required field fails encode and decode with SLUICE_E_CODEC_MISSING_FIELD', () => {
  assert.throws(() => Primitives.toBinary({ rb: true } as Primitives), { code: 'SLUICE_E_CODEC_MISSING_FIELD' });
  const w = new BinaryWriter();
  w.writeStructBegin();
  w.writeFieldBegin(TType.BOOL, 9);
  w.writeBool(true);
  w.writeFieldStop();
  assert.throws(() => Primitives.fromBinary(w.finish()), { code: 'SLUICE_E_CODEC_MISSING_FIELD', message: /10: ri64/ });
  assert.throws(() => Invalid.fromCompact(Invalid.toCompact({ reason: 'x' } as Invalid)), { code: 'SLUICE_E_CODEC_MISSING_FIELD' });
});

function writeStruct(w: ProtocolWriter, body: (w: ProtocolWriter) => void): Uint8Array {
  w.writeStructBegin();
  body(w);
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish();
}

test('unknown fields and fields of the wrong wire type are skipped, in both protocols', () => {
  for (const w of [new BinaryWriter(), new CompactWriter()]) {
    const bytes = writeStruct(w, (w) => {
      w.writeFieldBegin(TType.LIST, 99); // unknown id, nested structs inside
      w.writeListBegin(TType.STRUCT, 2);
      Point.encode({ x: 1, y: 2 }, w);
      Point.encode({ x: 3, y: 4 }, w);
      w.writeListEnd();
      w.writeFieldBegin(TType.STRING, 1); // x is a double in the IDL
      w.writeString('not a double');
      w.writeFieldBegin(TType.DOUBLE, 2);
      w.writeDouble(8);
      w.writeFieldBegin(TType.DOUBLE, 1);
      w.writeDouble(7);
    });
    const read = w instanceof BinaryWriter ? Point.fromBinary : Point.fromCompact;
    assert.deepEqual(read(bytes), { x: 7, y: 8 });
  }
});

test('a container whose element type differs from the IDL fails with SLUICE_E_CODEC_ELEMENT_TYPE', () => {
  const bytes = writeStruct(new BinaryWriter(), (w) => {
    w.writeFieldBegin(TType.LIST, 1);
    w.writeListBegin(TType.STRING, 1);
    w.writeString('x');
  });
  assert.throws(() => Containers.fromBinary(bytes), { code: 'SLUICE_E_CODEC_ELEMENT_TYPE' });
});

test('unions: exactly one member is written; none or two fail on encode and on decode', () => {
  assert.deepEqual(Shape.fromBinary(Shape.toBinary({ square: { x: 1, y: 1 } })), { square: { x: 1, y: 1 } });
  assert.throws(() => Shape.toBinary({} as Shape), { code: 'SLUICE_E_CODEC_UNION' });
  assert.throws(() => Shape.toCompact({ circle: 1, square: { x: 1, y: 1 } } as unknown as Shape), { code: 'SLUICE_E_CODEC_UNION' });
  const two = writeStruct(new CompactWriter(), (w) => {
    w.writeFieldBegin(TType.DOUBLE, 1);
    w.writeDouble(1);
    w.writeFieldBegin(TType.LIST, 3);
    w.writeListBegin(TType.STRUCT, 0);
  });
  assert.throws(() => Shape.fromCompact(two), { code: 'SLUICE_E_CODEC_UNION' });
  assert.throws(() => Shape.fromCompact(writeStruct(new CompactWriter(), () => {})), { code: 'SLUICE_E_CODEC_UNION' });
});

test('a repeated field on the wire: the last occurrence wins', () => {
  const bytes = writeStruct(new BinaryWriter(), (w) => {
    for (const v of [1, 2]) {
      w.writeFieldBegin(TType.DOUBLE, 1);
      w.writeDouble(v);
    }
    w.writeFieldBegin(TType.DOUBLE, 2);
    w.writeDouble(0);
  });
  assert.equal(Point.fromBinary(bytes).x, 2);
});

test('enums are TS enums with name maps in both directions; unknown wire values keep their number', () => {
  assert.deepEqual([Status.UNKNOWN, Status.ACTIVE, Status.PAUSED, Status.GONE, Status.AFTER_GONE], [0, 5, 6, -3, -2]);
  assert.equal(StatusNames.get(6), 'PAUSED');
  assert.equal(StatusValues.get('GONE'), Status.GONE);
  const v = Envelope.fromBinary(Envelope.toBinary({ owner: 1n, status: 1234 as Status }));
  assert.equal(v.status, 1234);
});

test('consts carry exact values: i64 extremes as bigint, -0.0, binary bytes, Map/Set, struct and union literals', () => {
  assert.equal(BIG, 9223372036854775807n);
  assert.equal(SMALL, -9223372036854775808n);
  assert.ok(Object.is(NEG_ZERO, -0));
  assert.equal(GREETING, 'hé "quoted" ✓');
  assert.deepEqual(MAGIC, new Uint8Array([0x54, 0x48]));
  assert.deepEqual(TAGS, new Set(['a', 'b']));
  assert.deepEqual(BY_NAME, new Map([['on', Status.ACTIVE], ['off', Status.GONE]]));
  assert.deepEqual(NESTED, new Map([[1, ['x']], [2, []]]));
  assert.deepEqual(ORIGIN, { x: 0, y: 0 });
  assert.deepEqual(UNIT, { circle: 1 });
});

test('exceptions are interfaces with codecs plus Error subclasses that work with instanceof', () => {
  const e = new NotFoundError({ message: 'gone', id: 3n });
  assert.ok(e instanceof NotFoundError && e instanceof Error);
  assert.equal(e.message, 'gone');
  assert.equal(e.name, 'NotFoundError');
  assert.equal(e.thriftName, 'input.NotFound');
  assert.deepEqual(NotFound.fromCompact(NotFound.toCompact(e.value)), { message: 'gone', id: 3n });
  assert.equal(new InvalidError({ code: 1 }).message, 'input.Invalid', 'without a message field the Thrift name is the message');
});

test('service: client and handler round-trip results, declared exceptions, oneway and inherited methods over RPC', async () => {
  const pings: string[] = [];
  let pinged!: () => void;
  const pingedOnce = new Promise<void>((resolve) => { pinged = resolve; });
  const handler: MoreThingsHandler = {
    get(id) {
      if (id === 404n) throw new NotFoundError({ message: 'no such thing', id });
      if (id === 400n) throw new InvalidError({ code: 400, reason: 'bad id' });
      if (id === 500n) throw new Error('boom');
      return { owner: id!, status: Status.ACTIVE };
    },
    async put(e, overwrite) { return overwrite ? e!.owner : -e!.owner; },
    clear() {},
    ping(source) { pings.push(source!); pinged(); },
    shapes(filter, ids) { return [{ circle: filter!.size }, { circle: ids!.size }]; },
    count: () => 3,
  };
  assert.ok([...ThingsDefinition.methods.keys()].every((m) => MoreThingsDefinition.methods.has(m)), 'extends is flattened');
  for (const protocol of ['binary', 'compact'] as const) {
    const server = createServer({ services: { definition: MoreThingsDefinition, handler }, protocol });
    const { port } = await server.listen(0, '127.0.0.1');
    const conn = await createClient({ port, protocol });
    try {
      const client = new MoreThingsClient(conn);
      assert.ok(client instanceof ThingsClient);
      assert.deepEqual(await client.get(7n), { owner: 7n, status: Status.ACTIVE });
      assert.equal(await client.put({ owner: 9n }, true), 9n);
      assert.equal(await client.put({ owner: 9n }, false), -9n);
      assert.equal(await client.clear(), undefined);
      assert.deepEqual(await client.shapes(new Map([['a', Status.GONE]]), new Set([1n, 2n])), [{ circle: 1 }, { circle: 2 }]);
      assert.equal(await client.count(), 3);
      await assert.rejects(client.get(404n), (e: unknown) => e instanceof NotFoundError && e.value.id === 404n && e.message === 'no such thing');
      await assert.rejects(client.get(400n), (e: unknown) => e instanceof InvalidError && e.value.code === 400 && e.value.reason === 'bad id');
      await assert.rejects(client.get(500n), (e: unknown) => e instanceof TApplicationException && e.type === 6);
      assert.equal(await client.ping(protocol), undefined);
      await pingedOnce;
    } finally {
      await conn.close();
      await server.close();
    }
  }
  assert.ok(pings.includes('binary'));
});

test('a reply with neither result nor exception fails with TApplicationException MISSING_RESULT', async () => {
  const server = createServer({ services: { definition: ThingsDefinition, handler: { get: () => undefined } } });
  const { port } = await server.listen(0, '127.0.0.1');
  const conn = await createClient({ port });
  try {
    await assert.rejects(new ThingsClient(conn).get(1n), (e: unknown) => e instanceof TApplicationException && e.type === 5);
  } finally {
    await conn.close();
    await server.close();
  }
});

test('readers built by hand work with generated decode (BinaryReader over toBinary output)', () => {
  assert.deepEqual(Point.decode(new BinaryReader(Point.toBinary({ x: 1, y: -1 }))), { x: 1, y: -1 });
});
