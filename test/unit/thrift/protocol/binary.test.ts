import test from 'node:test';
import assert from 'node:assert/strict';
import { BinaryReader, BinaryWriter, MessageType, TType } from '../../../../src/thrift/protocol';
import { assertThrowsCode, fromHex, hex } from './wire-helpers';

function write(fn: (w: BinaryWriter) => void): string {
  const w = new BinaryWriter(16);
  fn(w);
  return hex(w.finish());
}

test('binary writes the thrift-wire §3 golden vectors byte for byte', () => {
  assert.equal(write((w) => {
    w.writeStructBegin();
    w.writeFieldBegin(TType.BOOL, 1); w.writeBool(true);
    w.writeFieldBegin(TType.BOOL, 2); w.writeBool(false);
    w.writeFieldStop(); w.writeStructEnd();
  }), '02 00 01 01 02 00 02 00 00');
  assert.equal(write((w) => {
    w.writeFieldBegin(TType.I16, 4); w.writeI16(-1);
    w.writeFieldBegin(TType.I32, 5); w.writeI32(1);
    w.writeFieldBegin(TType.I64, 6); w.writeI64(-(2n ** 63n));
    w.writeFieldStop();
  }), '06 00 04 ff ff 08 00 05 00 00 00 01 0a 00 06 80 00 00 00 00 00 00 00 00');
  assert.equal(write((w) => { w.writeFieldBegin(TType.DOUBLE, 7); w.writeDouble(1.0); w.writeFieldStop(); }),
    '04 00 07 3f f0 00 00 00 00 00 00 00');
  assert.equal(write((w) => {
    w.writeFieldBegin(TType.STRING, 8); w.writeString('hé');
    w.writeFieldBegin(TType.LIST, 10); w.writeListBegin(TType.BOOL, 2); w.writeBool(true); w.writeBool(false); w.writeListEnd();
    w.writeFieldStop();
  }), '0b 00 08 00 00 00 03 68 c3 a9 0f 00 0a 02 00 00 00 02 01 00 00');
  assert.equal(write((w) => {
    w.writeFieldBegin(TType.MAP, 11); w.writeMapBegin(TType.I32, TType.STRING, 0); w.writeMapEnd();
    w.writeFieldBegin(TType.SET, 12); w.writeSetBegin(TType.I32, 1); w.writeI32(1); w.writeSetEnd();
    w.writeFieldStop();
  }), '0d 00 0b 08 0b 00 00 00 00 0e 00 0c 08 00 00 00 01 00 00 00 01 00');
  assert.equal(write((w) => {
    w.writeFieldBegin(TType.BYTE, 3); w.writeByte(-1);
    w.writeFieldBegin(TType.STRUCT, 13); w.writeStructBegin(); w.writeFieldBegin(TType.BOOL, 1); w.writeBool(true);
    w.writeFieldStop(); w.writeStructEnd(); w.writeFieldStop();
  }), '03 00 03 ff 0c 00 0d 02 00 01 01 00 00');
  assert.equal(write((w) => w.writeMessageBegin('ping', MessageType.CALL, 1)), '80 01 00 01 00 00 00 04 70 69 6e 67 00 00 00 01');
  assert.equal(write((w) => w.writeMessageBegin('', MessageType.ONEWAY, -1)), '80 01 00 04 00 00 00 00 ff ff ff ff');
});

test('binary round-trips every primitive at its boundaries', () => {
  const w = new BinaryWriter(8);
  const i64s = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 32n + 1n];
  const doubles = [0, -0, Infinity, -Infinity, NaN, 2 ** -1074, 1e307, 1e-292, -5.235098235];
  const strings = ['', 'a', 'hé', '😀 four bytes', 'x'.repeat(1000), 'ü'.repeat(100)];
  for (const v of [127, -128, 0, -1]) w.writeByte(v);
  for (const v of [32767, -32768]) w.writeI16(v);
  for (const v of [2147483647, -2147483648]) w.writeI32(v);
  for (const v of i64s) w.writeI64(v);
  for (const v of doubles) w.writeDouble(v);
  for (const v of strings) w.writeString(v);
  w.writeBinary(new Uint8Array(0)); w.writeBinary(new Uint8Array([0, 255]));
  w.writeUuid(new Uint8Array(16).fill(7));
  const r = new BinaryReader(w.finish());
  assert.deepEqual([r.readByte(), r.readByte(), r.readByte(), r.readByte()], [127, -128, 0, -1]);
  assert.deepEqual([r.readI16(), r.readI16()], [32767, -32768]);
  assert.deepEqual([r.readI32(), r.readI32()], [2147483647, -2147483648]);
  for (const v of i64s) assert.equal(r.readI64(), v);
  for (const v of doubles) assert.ok(Object.is(r.readDouble(), v));
  for (const v of strings) assert.equal(r.readString(), v);
  assert.deepEqual(r.readBinary(), new Uint8Array(0));
  assert.deepEqual(r.readBinary(), new Uint8Array([0, 255]));
  assert.deepEqual(r.readUuid(), new Uint8Array(16).fill(7));
  assert.equal(r.position, w.finish().length);
});

test('binary reads strict and non-strict message headers and rejects a bad version', () => {
  const strict = new BinaryReader(fromHex('80 01 00 02 00 00 00 04 70 69 6e 67 00 00 00 07'));
  assert.deepEqual(strict.readMessageBegin(), { name: 'ping', type: MessageType.REPLY, seqid: 7 });
  const old = fromHex('00 00 00 04 70 69 6e 67 01 ff ff ff ff');
  assert.deepEqual(new BinaryReader(old).readMessageBegin(), { name: 'ping', type: MessageType.CALL, seqid: -1 });
  assertThrowsCode(() => new BinaryReader(old, { strictRead: true }).readMessageBegin(), 'SLUICE_E_THRIFT_BAD_VERSION');
  assertThrowsCode(() => new BinaryReader(fromHex('80 02 00 01 00 00 00 00 00 00 00 01')).readMessageBegin(), 'SLUICE_E_THRIFT_BAD_VERSION');
  assertThrowsCode(() => new BinaryReader(fromHex('80 01 00 05 00 00 00 00 00 00 00 01')).readMessageBegin(), 'SLUICE_E_THRIFT_BAD_MESSAGE_TYPE');
});

test('binary skip reports truncation at every cut of a valid struct, never crashing', () => {
  const full = fromHex('0b 00 08 00 00 00 03 68 c3 a9 0f 00 0a 02 00 00 00 02 01 00 0d 00 0b 08 0b 00 00 00 01 00 00 00 01 00 00 00 00 00');
  const r = new BinaryReader(full);
  r.skip(TType.STRUCT);
  assert.equal(r.position, full.length);
  for (let cut = 0; cut < full.length; cut++) {
    assertThrowsCode(() => new BinaryReader(full.subarray(0, cut)).skip(TType.STRUCT), 'SLUICE_E_THRIFT_TRUNCATED');
  }
});

test('binary rejects negative and oversized lengths before allocating', () => {
  assertThrowsCode(() => new BinaryReader(fromHex('ff ff ff ff')).readString(), 'SLUICE_E_THRIFT_NEGATIVE_SIZE');
  assertThrowsCode(() => new BinaryReader(fromHex('7f ff ff ff 00')).readBinary(), 'SLUICE_E_THRIFT_TRUNCATED');
  assertThrowsCode(() => new BinaryReader(fromHex('08 7f ff ff ff')).readListBegin(), 'SLUICE_E_THRIFT_TRUNCATED');
  assertThrowsCode(() => new BinaryReader(fromHex('08 80 00 00 00')).readListBegin(), 'SLUICE_E_THRIFT_NEGATIVE_SIZE');
  assertThrowsCode(() => new BinaryReader(fromHex('00 00 00 03 61 62 63'), { maxStringBytes: 2 }).readString(), 'SLUICE_E_THRIFT_SIZE_LIMIT');
  assertThrowsCode(() => new BinaryReader(fromHex('03 00 00 00 03 01 02 03'), { maxContainerSize: 2 }).readListBegin(), 'SLUICE_E_THRIFT_SIZE_LIMIT');
});

test('binary rejects unknown type ids in fields, containers and skip', () => {
  assertThrowsCode(() => new BinaryReader(fromHex('05 00 01')).readFieldBegin(), 'SLUICE_E_THRIFT_BAD_TYPE');
  assertThrowsCode(() => new BinaryReader(fromHex('11 00 00 00 00')).readListBegin(), 'SLUICE_E_THRIFT_BAD_TYPE');
  assertThrowsCode(() => new BinaryReader(fromHex('08 01 00 00 00 00')).readMapBegin(), 'SLUICE_E_THRIFT_BAD_TYPE');
  assertThrowsCode(() => new BinaryReader(fromHex('00')).skip(1 as TType), 'SLUICE_E_THRIFT_BAD_TYPE');
});

test('binary skip allows 64 levels of nesting and rejects 65', () => {
  const nested = (levels: number) => {
    const w = new BinaryWriter();
    for (let i = 1; i < levels; i++) w.writeListBegin(TType.LIST, 1);
    w.writeListBegin(TType.I32, 0);
    return w.finish().slice();
  };
  const ok = new BinaryReader(nested(64));
  ok.skip(TType.LIST);
  assert.equal(ok.remaining, 0);
  assertThrowsCode(() => new BinaryReader(nested(65)).skip(TType.LIST), 'SLUICE_E_THRIFT_DEPTH_EXCEEDED');
  const structs = new Uint8Array(65 * 3 + 66).fill(0);
  for (let i = 0; i < 65; i++) structs.set([12, 0, 1], i * 3);
  assertThrowsCode(() => new BinaryReader(structs).skip(TType.STRUCT), 'SLUICE_E_THRIFT_DEPTH_EXCEEDED');
});

test('binary reader reads fields in any order with repeated ids', () => {
  const r = new BinaryReader(fromHex('08 00 1e 00 00 00 01 08 00 1d 00 00 00 02 08 00 1e 00 00 00 03 00'));
  const seen: Array<[number, number]> = [];
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) seen.push([r.fieldId, r.readI32()]);
  r.readStructEnd();
  assert.deepEqual(seen, [[30, 1], [29, 2], [30, 3]]);
});

test('binary writer grows its buffer and reset keeps writing from the start', () => {
  const w = new BinaryWriter(16);
  w.writeBinary(new Uint8Array(100_000).fill(9));
  assert.equal(w.finish().length, 100_004);
  w.reset();
  w.writeI32(5);
  assert.equal(hex(w.finish()), '00 00 00 05');
});

test('binary reader decodes invalid UTF-8 leniently as U+FFFD, short or long', () => {
  assert.equal(new BinaryReader(fromHex('00 00 00 02 61 ff')).readString(), 'a\ufffd');
  const long = new Uint8Array(4 + 40).fill(0x62);
  long.set([0, 0, 0, 40], 0);
  long[43] = 0xc3;
  assert.equal(new BinaryReader(long).readString(), 'b'.repeat(39) + '\ufffd');
});

test('binary writer encodes long strings (exact reservation path) and lone surrogates as U+FFFD', () => {
  const long = 'ü'.repeat(6000) + '\udc00' + '😀';
  const w = new BinaryWriter(4);
  w.writeString(long);
  const r = new BinaryReader(w.finish());
  assert.equal(r.readString(), 'ü'.repeat(6000) + '\ufffd😀');
  assert.equal(r.remaining, 0);
});

test('readBinary and readUuid return copies even when the input is a Buffer', () => {
  const input = Buffer.from('00000002abcd' + '11'.repeat(16), 'hex');
  const r = new BinaryReader(input);
  const bin = r.readBinary();
  const uuid = r.readUuid();
  input.fill(0);
  assert.deepEqual(bin, new Uint8Array([0xab, 0xcd]));
  assert.deepEqual(uuid, new Uint8Array(16).fill(0x11));
  assert.equal(bin.constructor, Uint8Array);
});
