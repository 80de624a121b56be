import test from 'node:test';
import assert from 'node:assert/strict';
import { CompactReader, CompactWriter, MessageType, TType } from '../../../../src/thrift/protocol';
import { assertThrowsCode, fromHex, hex } from './wire-helpers';

function write(fn: (w: CompactWriter) => void): string {
  const w = new CompactWriter(16);
  fn(w);
  return hex(w.finish());
}

test('compact writes the thrift-wire §3 golden vectors byte for byte', () => {
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.BOOL, 1); w.writeBool(true);
    w.writeFieldBegin(TType.BOOL, 2); w.writeBool(false);
    w.writeFieldStop(); w.writeStructEnd();
  }), '11 12 00');
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.I16, 4); w.writeI16(-1);
    w.writeFieldBegin(TType.I32, 5); w.writeI32(1);
    w.writeFieldBegin(TType.I64, 6); w.writeI64(-(2n ** 63n));
    w.writeFieldStop(); w.writeStructEnd();
  }), '44 01 15 02 16 ff ff ff ff ff ff ff ff ff 01 00');
  assert.equal(write((w) => { w.writeStructBegin(); w.writeFieldBegin(TType.DOUBLE, 7); w.writeDouble(1.0); w.writeFieldStop(); }),
    '77 00 00 00 00 00 00 f0 3f 00');
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRING, 8); w.writeString('hé');
    w.writeFieldBegin(TType.LIST, 10); w.writeListBegin(TType.BOOL, 2); w.writeBool(true); w.writeBool(false); w.writeListEnd();
    w.writeFieldStop();
  }), '88 03 68 c3 a9 29 21 01 02 00');
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.MAP, 11); w.writeMapBegin(TType.I32, TType.STRING, 0); w.writeMapEnd();
    w.writeFieldBegin(TType.SET, 12); w.writeSetBegin(TType.I32, 1); w.writeI32(1); w.writeSetEnd();
    w.writeFieldStop();
  }), 'bb 00 1a 15 02 00');
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.I32, 29); w.writeI32(2);
    w.writeFieldBegin(TType.I32, 30); w.writeI32(1);
    w.writeFieldStop();
  }), '05 3a 04 15 02 00');
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.BYTE, 3); w.writeByte(-1);
    w.writeFieldBegin(TType.STRUCT, 13); w.writeStructBegin(); w.writeFieldBegin(TType.BOOL, 1); w.writeBool(true);
    w.writeFieldStop(); w.writeStructEnd(); w.writeFieldStop(); w.writeStructEnd();
  }), '33 ff ac 11 00 00');
  assert.equal(write((w) => w.writeMessageBegin('ping', MessageType.CALL, 1)), '82 21 01 04 70 69 6e 67');
  assert.equal(write((w) => w.writeMessageBegin('', MessageType.REPLY, 0)), '82 41 00 00');
  assert.equal(write((w) => w.writeMessageBegin('p', MessageType.CALL, -1)), '82 21 ff ff ff ff 0f 01 70');
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRING, 1); w.writeString('hé');
    w.writeFieldBegin(TType.I64, 2); w.writeI64(2n ** 63n - 1n);
    w.writeFieldBegin(TType.BOOL, 4); w.writeBool(true);
    w.writeFieldBegin(TType.DOUBLE, 5); w.writeDouble(1.0);
    w.writeFieldStop();
  }), '18 03 68 c3 a9 16 fe ff ff ff ff ff ff ff ff 01 21 17 00 00 00 00 00 00 f0 3f 00');
});

test('compact field ids use deltas up to 15, the long form beyond and for decreasing ids, restored after nesting', () => {
  const ids = [1, 10, 100, 500, 1000, 2000, 3000, 4000, 3999, -1, 16, 17];
  const w = new CompactWriter();
  w.writeStructBegin();
  for (const id of ids) {
    w.writeFieldBegin(TType.STRUCT, id);
    w.writeStructBegin();
    w.writeFieldBegin(TType.BOOL, 20); w.writeBool(id % 2 === 0);
    w.writeFieldStop(); w.writeStructEnd();
  }
  w.writeFieldStop(); w.writeStructEnd();
  const bytes = w.finish();
  assert.equal(hex(bytes.subarray(0, 3)), '1c 02 28', 'delta 1 short form, then nested bool false in long form (20 > 15)');
  const r = new CompactReader(bytes);
  const seen: Array<[number, boolean]> = [];
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    assert.equal(t, TType.STRUCT);
    const outer = r.fieldId;
    r.readStructBegin();
    assert.equal(r.readFieldBegin(), TType.BOOL);
    assert.equal(r.fieldId, 20);
    seen.push([outer, r.readBool()]);
    assert.equal(r.readFieldBegin(), TType.STOP);
    r.readStructEnd();
  }
  r.readStructEnd();
  assert.deepEqual(seen, ids.map((id) => [id, id % 2 === 0]));
});

test('compact bool lists use 1/2 and accept element type 1 or 2 and any non-1 byte as false', () => {
  assert.equal(write((w) => { w.writeListBegin(TType.BOOL, 3); w.writeBool(true); w.writeBool(false); w.writeBool(true); }), '31 01 02 01');
  for (const header of ['31', '32']) {
    const r = new CompactReader(fromHex(`${header} 01 02 00`));
    assert.equal(r.readListBegin(), 3);
    assert.equal(r.elemType, TType.BOOL);
    assert.deepEqual([r.readBool(), r.readBool(), r.readBool()], [true, false, false]);
  }
});

test('compact list headers switch to the long size form at 15 elements', () => {
  const header = (n: number) => write((w) => w.writeListBegin(TType.BYTE, n));
  assert.equal(header(14), 'e3');
  assert.equal(header(15), 'f3 0f');
  assert.equal(header(300), 'f3 ac 02');
  const r = new CompactReader(fromHex('f3 0f' + ' 00'.repeat(15)));
  assert.equal(r.readListBegin(), 15);
});

test('compact maps: empty is one 0x00 byte, otherwise size then key/value nibbles', () => {
  assert.equal(write((w) => w.writeMapBegin(TType.STRING, TType.I64, 0)), '00');
  assert.equal(write((w) => { w.writeMapBegin(TType.STRING, TType.I64, 1); w.writeString('a'); w.writeI64(-1n); }), '01 86 01 61 01');
  const r = new CompactReader(fromHex('00'));
  assert.equal(r.readMapBegin(), 0);
  assert.equal(r.remaining, 0);
  const r2 = new CompactReader(fromHex('01 86 01 61 01'));
  assert.equal(r2.readMapBegin(), 1);
  assert.deepEqual([r2.keyType, r2.valueType, r2.readString(), r2.readI64()], [TType.STRING, TType.I64, 'a', -1n]);
});

test('compact doubles are little-endian and integers zigzag varints', () => {
  assert.equal(write((w) => w.writeDouble(-0)), '00 00 00 00 00 00 00 80');
  assert.equal(write((w) => w.writeI32(-2147483648)), 'ff ff ff ff 0f');
  assert.equal(write((w) => w.writeI32(2147483647)), 'fe ff ff ff 0f');
  assert.equal(write((w) => w.writeI16(-32768)), 'ff ff 03');
  assert.equal(write((w) => w.writeI64(2n ** 53n + 1n)), '82 80 80 80 80 80 80 20');
  assert.equal(write((w) => w.writeI64(-(2n ** 63n))), 'ff ff ff ff ff ff ff ff ff 01');
});

test('compact round-trips every primitive at its boundaries', () => {
  const w = new CompactWriter(8);
  const i64s = [0n, -1n, 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 32n + 1n, -(2n ** 32n) - 1n, 34359738368n];
  const i32s = [0, -1, 1, 2147483647, -2147483648, 63, -64, 64];
  const doubles = [0, -0, Infinity, -Infinity, NaN, 2 ** -1074, 1e307, 1e-292];
  const strings = ['', 'hé', '😀', 'y'.repeat(127), 'ü'.repeat(64), 'z'.repeat(20000)];
  for (const v of i64s) w.writeI64(v);
  for (const v of i32s) w.writeI32(v);
  for (const v of [32767, -32768]) w.writeI16(v);
  for (const v of doubles) w.writeDouble(v);
  for (const v of strings) w.writeString(v);
  w.writeBinary(new Uint8Array(0)); w.writeUuid(new Uint8Array(16).fill(1));
  const r = new CompactReader(w.finish());
  for (const v of i64s) assert.equal(r.readI64(), v);
  for (const v of i32s) assert.equal(r.readI32(), v);
  assert.deepEqual([r.readI16(), r.readI16()], [32767, -32768]);
  for (const v of doubles) assert.ok(Object.is(r.readDouble(), v));
  for (const v of strings) assert.equal(r.readString(), v);
  assert.deepEqual(r.readBinary(), new Uint8Array(0));
  assert.deepEqual(r.readUuid(), new Uint8Array(16).fill(1));
  assert.equal(r.remaining, 0);
});

test('compact reads message headers, seqid -1 and 2^31-1, and rejects bad protocol ids and versions', () => {
  assert.deepEqual(new CompactReader(fromHex('82 21 ff ff ff ff 0f 04 70 69 6e 67')).readMessageBegin(), { name: 'ping', type: MessageType.CALL, seqid: -1 });
  assert.deepEqual(new CompactReader(fromHex('82 81 ff ff ff ff 07 00')).readMessageBegin(), { name: '', type: MessageType.ONEWAY, seqid: 2147483647 });
  assertThrowsCode(() => new CompactReader(fromHex('80 21 01 00')).readMessageBegin(), 'SLUICE_E_THRIFT_BAD_VERSION');
  assertThrowsCode(() => new CompactReader(fromHex('82 22 01 00')).readMessageBegin(), 'SLUICE_E_THRIFT_BAD_VERSION');
  assertThrowsCode(() => new CompactReader(fromHex('82 a1 01 00')).readMessageBegin(), 'SLUICE_E_THRIFT_BAD_MESSAGE_TYPE');
});

test('compact rejects over-long varints', () => {
  assertThrowsCode(() => new CompactReader(fromHex('80 80 80 80 80 01')).readI32(), 'SLUICE_E_THRIFT_BAD_VARINT');
  assertThrowsCode(() => new CompactReader(fromHex('80 80 80 80 80 80 80 80 80 80 01')).readI64(), 'SLUICE_E_THRIFT_BAD_VARINT');
  assertThrowsCode(() => new CompactReader(fromHex('80 80 80 80 80 80')).readString(), 'SLUICE_E_THRIFT_BAD_VARINT');
  assert.equal(new CompactReader(fromHex('ff ff ff ff ff ff ff ff ff 01')).readI64(), -(2n ** 63n));
});

test('compact rejects unknown type ids and sizes that cannot fit before allocating', () => {
  assertThrowsCode(() => new CompactReader(fromHex('1e')).readFieldBegin(), 'SLUICE_E_THRIFT_BAD_TYPE');
  assertThrowsCode(() => new CompactReader(fromHex('1f')).readListBegin(), 'SLUICE_E_THRIFT_BAD_TYPE');
  assertThrowsCode(() => new CompactReader(fromHex('01 e5')).readMapBegin(), 'SLUICE_E_THRIFT_BAD_TYPE');
  assertThrowsCode(() => new CompactReader(fromHex('ff ff ff ff 07 00')).readBinary(), 'SLUICE_E_THRIFT_TRUNCATED');
  assertThrowsCode(() => new CompactReader(fromHex('ff ff ff ff 0f')).readString(), 'SLUICE_E_THRIFT_NEGATIVE_SIZE');
  assertThrowsCode(() => new CompactReader(fromHex('f7 ff ff ff 07 00')).readListBegin(), 'SLUICE_E_THRIFT_TRUNCATED');
  assertThrowsCode(() => new CompactReader(fromHex('ff ff ff 7f 55 00')).readMapBegin(), 'SLUICE_E_THRIFT_TRUNCATED');
});

test('compact skip reports truncation at every cut and enforces depth 64', () => {
  const w = new CompactWriter();
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRING, 1); w.writeString('hé');
  w.writeFieldBegin(TType.I64, 40); w.writeI64(-(2n ** 63n));
  w.writeFieldBegin(TType.BOOL, 2); w.writeBool(false);
  w.writeFieldBegin(TType.MAP, 3); w.writeMapBegin(TType.I32, TType.DOUBLE, 1); w.writeI32(7); w.writeDouble(1.5);
  w.writeFieldBegin(TType.LIST, 4); w.writeListBegin(TType.STRUCT, 1); w.writeStructBegin(); w.writeFieldStop(); w.writeStructEnd();
  w.writeFieldStop(); w.writeStructEnd();
  const full = w.finish().slice();
  const r = new CompactReader(full);
  r.skip(TType.STRUCT);
  assert.equal(r.remaining, 0);
  for (let cut = 0; cut < full.length; cut++) {
    assertThrowsCode(() => new CompactReader(full.subarray(0, cut)).skip(TType.STRUCT), 'SLUICE_E_THRIFT_TRUNCATED');
  }
  const deep = (levels: number) => fromHex('19 '.repeat(levels - 1) + '03');
  const ok = new CompactReader(deep(64));
  ok.skip(TType.LIST);
  assert.equal(ok.remaining, 0);
  assertThrowsCode(() => new CompactReader(deep(65)).skip(TType.LIST), 'SLUICE_E_THRIFT_DEPTH_EXCEEDED');
  assertThrowsCode(() => new CompactReader(fromHex('1c '.repeat(70))).skip(TType.STRUCT), 'SLUICE_E_THRIFT_DEPTH_EXCEEDED');
});

test('compact writer keeps the varint length prefix right when UTF-8 widens it', () => {
  for (const s of ['é'.repeat(100), 'é'.repeat(63), 'é'.repeat(64), '😀'.repeat(40), 'a'.repeat(127) + 'é']) {
    const w = new CompactWriter(4);
    w.writeString(s); w.writeI32(-5);
    const r = new CompactReader(w.finish());
    assert.equal(r.readString(), s);
    assert.equal(r.readI32(), -5);
  }
});

test('both writers encode long strings (exact reservation path) with every code point width intact', () => {
  const long = 'a'.repeat(5000) + 'é😀' + '\ud800' + 'z'.repeat(5000);
  const expected = long.replace('\ud800', '\ufffd');
  const c = new CompactWriter(4);
  c.writeString(long);
  assert.equal(new CompactReader(c.finish()).readString(), expected);
});
