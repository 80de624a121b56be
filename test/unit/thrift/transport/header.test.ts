import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { HeaderTransform } from '../../../../src/thrift/transport/dialect';
import { decodeHeaderFrame, encodeHeaderFrame } from '../../../../src/thrift/transport/header';
import { MessageDecoder } from '../../../../src/thrift/transport/message-decoder';
import { encodeMessage } from '../../../../src/thrift/transport/message-encoder';
import { concat, sampleMessage } from './fixtures';

const MAX = 100 * 1024 * 1024;

/** Builds a THeader frame by hand (after the length word) with the given header bytes and padding. */
function handFrame(headerBytes: number[], padding: number, payload: Uint8Array, seqid = 7): Uint8Array {
  const hdr = [...headerBytes, ...new Array(padding).fill(0)];
  assert.equal(hdr.length % 4, 0);
  const fixed = [0x0f, 0xff, 0, 0, (seqid >>> 24) & 0xff, (seqid >>> 16) & 0xff, (seqid >>> 8) & 0xff, seqid & 0xff, 0, hdr.length / 4];
  return concat(Uint8Array.from([...fixed, ...hdr]), payload);
}

test('THeader: what we encode decodes to the same protocol, seqid, flags, key/values and payload', () => {
  const payload = sampleMessage('compact');
  const wire = encodeHeaderFrame(payload, { protocol: 'compact', seqid: -5, flags: 1, headers: { authorization: 'Bearer t', 'x-é': 'パ' } });
  assert.equal(wire.length % 1, 0);
  const h = decodeHeaderFrame(wire.subarray(4), MAX);
  assert.equal(h.protocol, 'compact');
  assert.equal(h.seqid, -5);
  assert.equal(h.flags, 1);
  assert.deepEqual([...h.headers], [['authorization', 'Bearer t'], ['x-é', 'パ']]);
  assert.deepEqual(h.payload, payload);
});

test('THeader: both padding styles decode (C++ pads 1-4 bytes, 4 when aligned; Python pads 0-3)', () => {
  const payload = sampleMessage('binary');
  // protocol 0, 0 transforms, KV block with one pair "a"="b": 0 0 1 1 1 61 1 62 = 8 bytes, aligned.
  const header = [0, 0, 1, 1, 1, 0x61, 1, 0x62];
  for (const padding of [0, 4]) {
    const h = decodeHeaderFrame(handFrame(header, padding, payload), MAX);
    assert.deepEqual(h.payload, payload, `padding ${padding}`);
    assert.equal(h.headers.get('a'), 'b');
  }
  assert.deepEqual(decodeHeaderFrame(handFrame([0, 0], 2, payload), MAX).payload, payload);
});

test('THeader: an unknown info id stops header parsing and the payload is still found', () => {
  const payload = sampleMessage('binary');
  const h = decodeHeaderFrame(handFrame([0, 0, 1, 1, 1, 0x61, 1, 0x62, 9, 0xde, 0xad, 0xbe], 0, payload), MAX);
  assert.equal(h.headers.get('a'), 'b');
  assert.deepEqual(h.payload, payload);
});

test('THeader: a zlib payload is inflated on read and deflated on write', () => {
  const payload = sampleMessage('binary');
  const h = decodeHeaderFrame(handFrame([0, 1, 1, 0], 0, zlib.deflateSync(payload)), MAX);
  assert.deepEqual(h.transforms, [HeaderTransform.ZLIB]);
  assert.deepEqual(h.payload, payload);
  const wire = encodeHeaderFrame(payload, { protocol: 'binary', seqid: 1, transforms: [HeaderTransform.ZLIB] });
  assert.deepEqual(decodeHeaderFrame(wire.subarray(4), MAX).payload, payload);
});

test('THeader: an inflated payload above the message limit is SLUICE_E_THRIFT_FRAME_TOO_LARGE (zip bomb)', () => {
  const bomb = zlib.deflateSync(new Uint8Array(1024 * 1024));
  assert.throws(() => decodeHeaderFrame(handFrame([0, 1, 1, 0], 0, bomb), 64 * 1024), { code: 'SLUICE_E_THRIFT_FRAME_TOO_LARGE' });
});

test('THeader: unknown protocol ids, unknown transforms, bad magic and oversized headers are SLUICE_E_THRIFT_BAD_HEADER', () => {
  const p = sampleMessage('binary');
  assert.throws(() => decodeHeaderFrame(handFrame([1, 0], 2, p), MAX), { code: 'SLUICE_E_THRIFT_BAD_HEADER' });
  assert.throws(() => decodeHeaderFrame(handFrame([0, 1, 3, 0], 0, p), MAX), { code: 'SLUICE_E_THRIFT_BAD_HEADER' });
  const badMagic = handFrame([0, 0], 2, p);
  badMagic[0] = 0x10;
  assert.throws(() => decodeHeaderFrame(badMagic, MAX), { code: 'SLUICE_E_THRIFT_BAD_HEADER' });
  const tooBig = handFrame([0, 0], 2, p);
  tooBig[9] = 200; // header claims 800 bytes
  assert.throws(() => decodeHeaderFrame(tooBig, MAX), { code: 'SLUICE_E_THRIFT_BAD_HEADER' });
});

test('THeader: a length word above 0x3FFFFFFF or the frame limit is SLUICE_E_THRIFT_FRAME_TOO_LARGE', () => {
  assert.throws(() => new MessageDecoder('header', 'binary', { maxFrameBytes: 2 ** 31 }).push(Uint8Array.of(0x40, 0, 0, 0)),
    { code: 'SLUICE_E_THRIFT_FRAME_TOO_LARGE' });
  assert.throws(() => new MessageDecoder('header', 'binary').push(Uint8Array.of(0x01, 0, 0, 1)), { code: 'SLUICE_E_THRIFT_FRAME_TOO_LARGE' });
});

test('sniffing: unframed and framed binary/compact, THeader and THeader-over-framed are told apart and answered in kind', () => {
  const b = sampleMessage('binary'), c = sampleMessage('compact');
  const dialects = [
    { transport: 'buffered', protocol: 'binary' }, { transport: 'buffered', protocol: 'compact' },
    { transport: 'framed', protocol: 'binary' }, { transport: 'framed', protocol: 'compact' },
    { transport: 'header', protocol: 'compact', headerFlags: 0, headerTransforms: [], outerFrame: false },
    { transport: 'header', protocol: 'binary', headerFlags: 0, headerTransforms: [HeaderTransform.ZLIB], outerFrame: true },
  ] as const;
  for (const dialect of dialects) {
    const payload = dialect.protocol === 'binary' ? b : c;
    const wire = encodeMessage(payload, dialect, { seqid: 7 });
    for (let cut = 0; cut <= wire.length; cut += 5) {
      const d = new MessageDecoder('sniff', 'binary');
      const got = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      assert.equal(got.length, 1, `${JSON.stringify(dialect)} cut ${cut}`);
      assert.deepEqual(got[0]!.payload, payload);
      assert.deepEqual(got[0]!.dialect, dialect);
    }
  }
});

test('sniffing: bytes that are no client type are SLUICE_E_THRIFT_UNSUPPORTED_CLIENT_TYPE', () => {
  assert.throws(() => new MessageDecoder('sniff', 'binary').push(Buffer.from('GET / HTTP/1.1\r\n')),
    { code: 'SLUICE_E_THRIFT_UNSUPPORTED_CLIENT_TYPE' });
});

const PY_HEADER = `
import sys
from thrift.transport import TTransport
from thrift.transport.THeaderTransport import THeaderTransport, THeaderClientType as CT, THeaderTransformID
mode = sys.argv[1]
if mode == 'write':
    out = TTransport.TMemoryBuffer()
    t = THeaderTransport(out, [CT.HEADERS])
    t.set_header(b'authorization', b'Bearer abc')
    t.add_transform(THeaderTransformID.ZLIB)
    t.write(bytes.fromhex(sys.argv[2]))
    t.flush()
    print(out.getvalue().hex())
else:
    t = THeaderTransport(TTransport.TMemoryBuffer(bytes.fromhex(sys.argv[2])), [CT.HEADERS])
    t.readFrame(0)
    print(t.get_headers())
    print(t._read_buffer.getvalue().hex())
`;

function python(...args: string[]): string {
  const r = spawnSync('/usr/bin/python3', ['-c', PY_HEADER, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('THeader with zlib and key/values round-trips with Apache Thrift Python 0.17 in both directions', () => {
  const payload = sampleMessage('binary');
  const fromPy = Buffer.from(python('write', Buffer.from(payload).toString('hex')).trim(), 'hex');
  const [env] = new MessageDecoder('header', 'binary').push(fromPy);
  assert.deepEqual(env!.payload, payload);
  assert.equal(env!.headers?.get('authorization'), 'Bearer abc');
  assert.deepEqual(env!.dialect.headerTransforms, [HeaderTransform.ZLIB]);

  const ours = encodeHeaderFrame(payload, { protocol: 'binary', seqid: 3, transforms: [HeaderTransform.ZLIB], headers: { k: 'v' } });
  const [headers, body] = python('read', Buffer.from(ours).toString('hex')).trim().split('\n');
  assert.match(headers!, /b'k': b'v'/);
  assert.equal(body, Buffer.from(payload).toString('hex'));
});
