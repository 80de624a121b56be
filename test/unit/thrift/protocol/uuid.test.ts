/** uuid on the wire (Thrift ≥ 0.19): npm thrift 0.24 is the oracle, as Python 0.17 has no uuid. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter, TType } from '../../../../src/thrift/protocol';
import type { ProtocolWriter } from '../../../../src/thrift/protocol';
import { assertThrowsCode } from './wire-helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const thrift = require('thrift') as {
  TBufferedTransport: new (buf: undefined, onFlush: (b: Buffer) => void) => { flush(): void };
  TFramedTransport: new (buf: Buffer) => unknown;
  TBinaryProtocol: new (t: unknown) => NpmProtocol;
  TCompactProtocol: new (t: unknown) => NpmProtocol;
};
interface NpmProtocol {
  writeStructBegin(name: string): void; writeStructEnd(): void;
  writeFieldBegin(name: string, type: number, id: number): void; writeFieldEnd(): void; writeFieldStop(): void;
  writeListBegin(type: number, size: number): void; writeListEnd(): void;
  writeUuid(u: string): void;
  readStructBegin(): void; readFieldBegin(): { ftype: number; fid: number }; readUuid(): string;
}

const UUIDS = ['00112233-4455-6677-8899-aabbccddeeff', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
const bytesOf = (u: string) => new Uint8Array(Buffer.from(u.replace(/-/g, ''), 'hex'));

function npmBytes(P: new (t: unknown) => NpmProtocol): Buffer {
  let out: Buffer = Buffer.alloc(0);
  const t = new thrift.TBufferedTransport(undefined, (b) => { out = b; });
  const p = new P(t);
  p.writeStructBegin('S');
  p.writeFieldBegin('u', TType.UUID, 1); p.writeUuid(UUIDS[0]!); p.writeFieldEnd();
  p.writeFieldBegin('l', TType.LIST, 20); p.writeListBegin(TType.UUID, 2); p.writeUuid(UUIDS[1]!); p.writeUuid(UUIDS[2]!); p.writeListEnd(); p.writeFieldEnd();
  p.writeFieldStop(); p.writeStructEnd();
  t.flush();
  return out;
}

function ourBytes(w: ProtocolWriter): Uint8Array {
  w.writeStructBegin();
  w.writeFieldBegin(TType.UUID, 1); w.writeUuid(bytesOf(UUIDS[0]!)); w.writeFieldEnd();
  w.writeFieldBegin(TType.LIST, 20); w.writeListBegin(TType.UUID, 2); w.writeUuid(bytesOf(UUIDS[1]!)); w.writeUuid(bytesOf(UUIDS[2]!)); w.writeListEnd(); w.writeFieldEnd();
  w.writeFieldStop(); w.writeStructEnd();
  return w.finish();
}

for (const [name, P, W, R] of [
  ['binary', thrift.TBinaryProtocol, BinaryWriter, BinaryReader],
  ['compact', thrift.TCompactProtocol, CompactWriter, CompactReader],
] as const) {
  test(`${name} uuid fields and list elements are 16 raw bytes, identical to npm thrift 0.24`, () => {
    const expected = npmBytes(P);
    const ours = ourBytes(new W());
    assert.equal(Buffer.from(ours).toString('hex'), expected.toString('hex'));
    const r = new R(expected);
    r.readStructBegin();
    assert.deepEqual([r.readFieldBegin(), r.fieldId], [TType.UUID, 1]);
    assert.deepEqual(r.readUuid(), bytesOf(UUIDS[0]!));
    assert.deepEqual([r.readFieldBegin(), r.fieldId, r.readListBegin(), r.elemType], [TType.LIST, 20, 2, TType.UUID]);
    assert.deepEqual([r.readUuid(), r.readUuid()], [bytesOf(UUIDS[1]!), bytesOf(UUIDS[2]!)]);
    const back = new P(new thrift.TFramedTransport(Buffer.from(ours)));
    back.readStructBegin();
    assert.equal(back.readFieldBegin().fid, 1);
    assert.equal(back.readUuid(), UUIDS[0]);
  });
}

test('writers refuse a uuid that is not 16 bytes', () => {
  assertThrowsCode(() => new BinaryWriter().writeUuid(new Uint8Array(15)), 'SLUICE_E_THRIFT_INVALID_VALUE');
  assertThrowsCode(() => new CompactWriter().writeUuid(new Uint8Array(17)), 'SLUICE_E_THRIFT_INVALID_VALUE');
});
