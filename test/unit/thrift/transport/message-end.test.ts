import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageEnd, NEED_MORE } from '../../../../src/thrift/transport/message-end';
import { concat, nestedMessage, sampleMessage } from './fixtures';

for (const protocol of ['binary', 'compact'] as const) {
  test(`${protocol}: every strict prefix of a message needs more, the whole message ends exactly at its length`, () => {
    const msg = sampleMessage(protocol);
    for (let i = 0; i < msg.length; i++) assert.equal(messageEnd(protocol, msg.subarray(0, i)), NEED_MORE, `prefix ${i}`);
    assert.equal(messageEnd(protocol, msg), msg.length);
    assert.equal(messageEnd(protocol, concat(msg, sampleMessage(protocol, 'next'))), msg.length);
  });

  test(`${protocol}: nesting deeper than 64 is SLUICE_E_THRIFT_DEPTH_LIMIT, 64 is accepted`, () => {
    const ok = nestedMessage(protocol, 64);
    assert.equal(messageEnd(protocol, ok), ok.length);
    assert.throws(() => messageEnd(protocol, nestedMessage(protocol, 65)), { code: 'SLUICE_E_THRIFT_DEPTH_LIMIT' });
  });

  test(`${protocol}: a message larger than maxMessageBytes is SLUICE_E_THRIFT_FRAME_TOO_LARGE before it is complete`, () => {
    const msg = sampleMessage(protocol);
    assert.throws(() => messageEnd(protocol, msg.subarray(0, 40), { maxMessageBytes: 30 }), { code: 'SLUICE_E_THRIFT_FRAME_TOO_LARGE' });
  });
}

test('binary: a bad version word is SLUICE_E_THRIFT_BAD_MESSAGE', () => {
  assert.throws(() => messageEnd('binary', Uint8Array.of(0x80, 0x02, 0, 1, 0, 0, 0, 0)), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
});

test('binary: the old non-strict header (name length first) is accepted', () => {
  const name = Buffer.from('ping');
  const msg = concat(Uint8Array.of(0, 0, 0, 4), name, Uint8Array.of(1, 0, 0, 0, 9, 0));
  assert.equal(messageEnd('binary', msg), msg.length);
});

test('binary: negative string and container sizes are SLUICE_E_THRIFT_BAD_MESSAGE', () => {
  const head = Uint8Array.of(0x80, 1, 0, 1, 0, 0, 0, 1, 0x6d, 0, 0, 0, 1);
  assert.throws(() => messageEnd('binary', concat(head, Uint8Array.of(11, 0, 1, 0xff, 0xff, 0xff, 0xff))), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
  assert.throws(() => messageEnd('binary', concat(head, Uint8Array.of(15, 0, 1, 8, 0xff, 0xff, 0xff, 0xfe))), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
});

test('binary: an unknown field type id is SLUICE_E_THRIFT_BAD_MESSAGE', () => {
  const head = Uint8Array.of(0x80, 1, 0, 1, 0, 0, 0, 1, 0x6d, 0, 0, 0, 1);
  assert.throws(() => messageEnd('binary', concat(head, Uint8Array.of(0x42, 0, 1))), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
});

test('compact: a bad protocol id, version or over-long varint is SLUICE_E_THRIFT_BAD_MESSAGE', () => {
  assert.throws(() => messageEnd('compact', Uint8Array.of(0x83, 0x21)), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
  assert.throws(() => messageEnd('compact', Uint8Array.of(0x82, 0x22)), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
  assert.throws(() => messageEnd('compact', Uint8Array.of(0x82, 0x21, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
});

test('compact: a seqid of -1 (5-byte varint) and bool fields in the type nibble are walked correctly', () => {
  // 82 21 | seqid ff ff ff ff 0f | name "p" | args: bool field 1 true (0x11), STOP
  const msg = Uint8Array.of(0x82, 0x21, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 0x70, 0x11, 0x00);
  assert.equal(messageEnd('compact', msg), msg.length);
});
