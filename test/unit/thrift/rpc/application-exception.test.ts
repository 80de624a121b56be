import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { BinaryReader, BinaryWriter } from '../../../../src/thrift/protocol/binary';
import { CompactReader, CompactWriter } from '../../../../src/thrift/protocol/compact';
import { TType } from '../../../../src/thrift/protocol/protocol';
import {
  readApplicationException, TApplicationException, TApplicationExceptionType, writeApplicationException,
} from '../../../../src/thrift/rpc/application-exception';

test('TApplicationException is struct {1: string message, 2: i32 type} on the wire (binary bytes pinned)', () => {
  const w = new BinaryWriter();
  writeApplicationException(w, { message: 'no', type: TApplicationExceptionType.UNKNOWN_METHOD });
  assert.equal(Buffer.from(w.finish()).toString('hex'), '0b0001000000026e6f080002000000010' + '0');
});

test('TApplicationException round-trips in compact and carries code SLUICE_E_RPC_APPLICATION and its type', () => {
  const w = new CompactWriter();
  writeApplicationException(w, { message: 'boom', type: TApplicationExceptionType.INTERNAL_ERROR });
  const e = readApplicationException(new CompactReader(w.finish()));
  assert.ok(e instanceof TApplicationException);
  assert.equal(e.code, 'SLUICE_E_RPC_APPLICATION');
  assert.equal(e.type, 6);
  assert.equal(e.message, 'boom');
});

test('reading a TApplicationException skips unknown fields and defaults a missing type to UNKNOWN', () => {
  const w = new BinaryWriter();
  w.writeStructBegin();
  w.writeFieldBegin(TType.LIST, 7); w.writeListBegin(TType.I32, 1); w.writeI32(1); w.writeListEnd(); w.writeFieldEnd();
  w.writeFieldBegin(TType.STRING, 1); w.writeString('only a message'); w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  const e = readApplicationException(new BinaryReader(w.finish()));
  assert.equal(e.type, TApplicationExceptionType.UNKNOWN);
  assert.equal(e.message, 'only a message');
});
