import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageDecoder } from '../../../../src/thrift/transport/message-decoder';
import { concat, sampleMessage } from './fixtures';

for (const protocol of ['binary', 'compact'] as const) {
  test(`buffered ${protocol}: two messages split at every byte offset decode to exactly those two messages`, () => {
    const a = sampleMessage(protocol, 'first', 1), b = sampleMessage(protocol, 'second', 2);
    const wire = concat(a, b);
    for (let cut = 0; cut <= wire.length; cut++) {
      const d = new MessageDecoder('buffered', protocol);
      const got = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      assert.deepEqual(got.map((e) => e.payload), [a, b], `cut ${cut}`);
    }
  });

  test(`buffered ${protocol}: a message fed one byte at a time decodes once`, () => {
    const msg = sampleMessage(protocol);
    const d = new MessageDecoder('buffered', protocol);
    const got = [];
    for (const byte of msg) got.push(...d.push(Uint8Array.of(byte)));
    assert.equal(got.length, 1);
    assert.deepEqual(got[0]!.payload, msg);
  });
}

test('buffered: garbage is a typed error, not a wait for more bytes', () => {
  const d = new MessageDecoder('buffered', 'binary');
  assert.throws(() => d.push(Buffer.from('GET / HTTP/1.1\r\n\r\n')), { code: /^SLUICE_E_THRIFT_/ });
  const c = new MessageDecoder('buffered', 'compact');
  assert.throws(() => c.push(Buffer.from('GET / HTTP/1.1\r\n\r\n')), { code: 'SLUICE_E_THRIFT_BAD_MESSAGE' });
});
