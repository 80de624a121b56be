/**
 * THeader ZLIB transform on Thrift listeners, on both io backends: Apache Thrift Python 0.17 THeader clients with
 * `add_transform(ZLIB)` (binary and compact inside THeader) call through a `transport: header` listener to an
 * Apache Python server and pass the method contract; raw clients see their replies deflated as many times as
 * their call was; hostile clients (a zlib bomb past the frame limit, corrupt zlib, an unsupported transform id)
 * get their connection closed and counted while a well-behaved zlib client on the same listener keeps working.
 */
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { MessageType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import {
  BACKENDS, RawClient, callMessage, decodeReply, listenerEvent, startGateway, type Gateway,
} from '../../interop/thrift-in/gateway';
import {
  generatePeerCode, runPeerClient, startPeerServer, type GeneratedPeers, type MatrixConfig, type RunningPeer,
} from '../../interop/rpc/helpers/peers';

/** A THeader frame (length word included) around `payload`, listing `transforms` (ids) in its header. */
function theaderWith(payload: Uint8Array, seqid: number, transforms: number[], protocolId = 0): Buffer {
  const info = [protocolId, transforms.length, ...transforms];
  while (info.length % 4 !== 0) info.push(0);
  const head = Buffer.alloc(14);
  head.writeUInt32BE(10 + info.length + payload.length, 0);
  head.writeUInt16BE(0x0fff, 4);
  head.writeUInt16BE(0, 6);
  head.writeInt32BE(seqid, 8);
  head.writeUInt16BE(info.length / 4, 12);
  return Buffer.concat([head, Buffer.from(info), Buffer.from(payload)]);
}

/** Splits a THeader frame as RawClient returns it (no length word): its transform ids and its payload. */
function parseTHeader(frame: Buffer): { transforms: number[]; payload: Buffer } {
  assert.equal(frame.readUInt16BE(0), 0x0fff, 'a THeader reply');
  const at = 10;
  const count = frame[at + 1]!;
  const transforms = [...frame.subarray(at + 2, at + 2 + count)];
  return { transforms, payload: frame.subarray(10 + frame.readUInt16BE(8) * 4) };
}

/** Sends echoString(s) deflated once and returns the reply's transforms and echoed value. */
async function zlibEcho(c: RawClient, s: string, seqid: number): Promise<{ transforms: number[]; success?: string }> {
  await c.send(theaderWith(zlib.deflateSync(callMessage('echoString', seqid, s)), seqid, [1]));
  const [f] = await c.replies(1);
  const { transforms, payload } = parseTHeader(f!);
  let plain = payload;
  for (const _ of transforms) plain = zlib.inflateSync(plain);
  const r = decodeReply(plain);
  assert.equal(r.seqid, seqid);
  assert.equal(r.type, MessageType.REPLY);
  return { transforms, success: r.success };
}

for (const io of BACKENDS) {
  describe(`THeader zlib on a Thrift listener (${io})`, () => {
    let gen: GeneratedPeers;
    let server: RunningPeer;
    let gw: Gateway;
    let port: number;

    before(async () => {
      gen = generatePeerCode();
      server = await startPeerServer('python', gen, { protocol: 'binary', transport: 'framed', multiplexed: true });
      port = await freePort();
      gw = await startGateway(io, `upstreams:
  py: { endpoints: ['127.0.0.1:${server.port}'], transport: framed, protocol: binary, timeout_ms: 10000 }
services:
  - { service: interop.Interop, upstream: py, multiplexed_name: Interop }
  - { service: interop.Second, upstream: py, multiplexed_name: Second }
thrift_listeners:
  - { listen: '127.0.0.1:${port}', transport: header, service: [interop.Interop, interop.Second], upstream: py }
`);
    });
    after(async () => {
      await gw?.stop();
      await server?.stop();
      gen?.remove();
    });

    const variants: MatrixConfig[] = [
      { protocol: 'header', transport: 'buffered', multiplexed: false, variant: 'zlib' },
      { protocol: 'header', transport: 'buffered', multiplexed: true, variant: 'zlib' },
      { protocol: 'header', transport: 'buffered', multiplexed: true, variant: 'compact-zlib' },
    ];
    for (const v of variants) {
      test(`an Apache Python THeader client with the zlib transform (${v.variant}, ${v.multiplexed ? 'multiplexed' : 'plain'}) passes the method contract`, async () => {
        const r = await runPeerClient('python', gen, port, v);
        const failed = [...r.results].filter(([, outcome]) => outcome !== undefined);
        assert.ok(r.results.size >= 10, r.output.slice(-2000));
        assert.deepEqual(failed, [], r.output.slice(-2000));
      });
    }

    test('a zlib call gets a reply deflated with zlib, and a plain THeader call a plain reply, on one connection', async () => {
      const c = new RawClient(port);
      try {
        const z = await zlibEcho(c, 'squeezed', 11);
        assert.deepEqual(z.transforms, [1]);
        assert.equal(z.success, 'squeezed');
        await c.send(theaderWith(callMessage('echoString', 12, 'plain'), 12, []));
        const [f] = await c.replies(1);
        const { transforms, payload } = parseTHeader(f!);
        assert.deepEqual(transforms, []);
        assert.equal(decodeReply(payload).success, 'plain');
        // Twice-deflated calls (a client that added the transform twice) are answered twice-deflated.
        await c.send(theaderWith(zlib.deflateSync(zlib.deflateSync(callMessage('echoString', 13, 'twice'))), 13, [1, 1]));
        const [g] = await c.replies(1);
        const twice = parseTHeader(g!);
        assert.deepEqual(twice.transforms, [1, 1]);
        assert.equal(decodeReply(zlib.inflateSync(zlib.inflateSync(twice.payload))).success, 'twice');
      } finally {
        c.close();
      }
    });

    test('a zlib bomb, corrupt zlib and an unknown transform close only their own connections', async () => {
      const before = listenerEvent(await gw.metrics(), `127.0.0.1:${port}`, 'protocol_error');
      const good = new RawClient(port);
      try {
        assert.equal((await zlibEcho(good, 'before', 1)).success, 'before');
        // 64 MiB of one call's bytes padded with zeros inflate far past the 16 MB frame limit, from ~64 KiB.
        const bombPlain = Buffer.alloc(64 << 20);
        Buffer.from(callMessage('echoString', 2, 'x')).copy(bombPlain);
        const bomb = zlib.deflateSync(bombPlain, { level: 9 });
        assert.ok(bomb.length < 256 << 10);
        const corrupt = Buffer.from(zlib.deflateSync(callMessage('echoString', 3, 'corrupt')));
        corrupt[corrupt.length >> 1] ^= 0xff;
        corrupt[corrupt.length - 1] ^= 0xff;
        const hostile = [
          theaderWith(bomb, 2, [1]),
          theaderWith(corrupt, 3, [1]),
          theaderWith(Buffer.from('not zlib at all, just bytes'), 4, [1]),
          theaderWith(zlib.deflateSync(callMessage('echoString', 5, 'snappy?')), 5, [3]),
          theaderWith(callMessage('echoString', 6, 'hmac?'), 6, [2]),
        ];
        const clients = hostile.map(() => new RawClient(port));
        // A real zlib client works while the hostile ones are being thrown out.
        const py = runPeerClient('python', gen, port, { protocol: 'header', transport: 'buffered', multiplexed: true, variant: 'zlib' });
        await Promise.all(clients.map((c, i) => c.send(hostile[i]!)));
        for (const [i, c] of clients.entries()) {
          assert.equal(await c.closedWithin(5000), true, `hostile client ${i} closed`);
          await assert.rejects(c.replies(1, 100), `hostile client ${i} got no reply`);
        }
        const r = await py;
        assert.deepEqual([...r.results].filter(([, o]) => o !== undefined), [], r.output.slice(-2000));
        assert.equal((await zlibEcho(good, 'after', 7)).success, 'after');
        assert.equal(good.closed, false);
        const m = await gw.metrics();
        assert.ok(listenerEvent(m, `127.0.0.1:${port}`, 'protocol_error') >= before + hostile.length,
          'every hostile frame is counted as a protocol error');
      } finally {
        good.close();
      }
    });
  });
}
