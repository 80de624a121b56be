import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteQueue } from '../../../../src/thrift/transport/byte-queue';
import { encodeFrame, takeFrame } from '../../../../src/thrift/transport/framed';
import { MessageDecoder } from '../../../../src/thrift/transport/message-decoder';
import { concat, sampleMessage } from './fixtures';

test('framed: a frame split at every byte offset decodes once, whole', () => {
  const msg = sampleMessage('binary');
  const wire = encodeFrame(msg);
  for (let cut = 0; cut <= wire.length; cut++) {
    const d = new MessageDecoder('framed', 'binary');
    const got = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
    assert.equal(got.length, 1, `cut ${cut}`);
    assert.deepEqual(got[0]!.payload, msg);
    assert.equal(d.pendingBytes, 0);
  }
});

test('framed: several frames in one read come out in order, zero-length frames are skipped', () => {
  const a = sampleMessage('compact', 'a'), b = sampleMessage('compact', 'b');
  const d = new MessageDecoder('framed', 'compact');
  const got = d.push(concat(encodeFrame(a), encodeFrame(new Uint8Array(0)), encodeFrame(b)));
  assert.deepEqual(got.map((e) => e.payload), [a, b]);
  assert.deepEqual(got.map((e) => e.dialect), [{ transport: 'framed', protocol: 'compact' }, { transport: 'framed', protocol: 'compact' }]);
});

test('framed: a length above the limit is SLUICE_E_THRIFT_FRAME_TOO_LARGE as soon as the length word arrives', () => {
  const q = new ByteQueue();
  q.push(Uint8Array.of(0x01, 0x00, 0x00, 0x01)); // 16 MiB + 1
  assert.throws(() => takeFrame(q, 16 * 1024 * 1024), { code: 'SLUICE_E_THRIFT_FRAME_TOO_LARGE' });
  const d = new MessageDecoder('framed', 'binary', { maxFrameBytes: 100 });
  assert.throws(() => d.push(Uint8Array.of(0, 0, 0, 101)), { code: 'SLUICE_E_THRIFT_FRAME_TOO_LARGE' });
  assert.deepEqual(new MessageDecoder('framed', 'binary', { maxFrameBytes: 100 }).push(concat(Uint8Array.of(0, 0, 0, 100), new Uint8Array(100))).length, 1);
});

test('framed: a stream that ends inside a frame is SLUICE_E_THRIFT_TRUNCATED', () => {
  const d = new MessageDecoder('framed', 'binary');
  d.push(encodeFrame(sampleMessage('binary')).subarray(0, 10));
  assert.throws(() => d.end(), { code: 'SLUICE_E_THRIFT_TRUNCATED' });
});
