/**
 * Thrift listeners end to end over raw sockets (contract §8, issue 7 §2–§3), on both io backends: seqids and
 * pipelining, oneway, unknown methods, upstream faults (down, slow, reset mid-reply, garbage) answered with
 * TApplicationException INTERNAL_ERROR and never a hang, and hostile client input (oversized frame, bad version,
 * depth bomb, truncated message, a REPLY sent as a call) closing that connection only, while a well-behaved
 * client on the same listener keeps working. The good upstream is an Apache Thrift Python 0.17 server.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { MessageType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import {
  BACKENDS, RawClient, callMessage, decodeReply, framed, listenerEvent, startGateway, type Gateway,
} from '../../interop/thrift-in/gateway';
import { generatePeerCode, startPeerServer, type GeneratedPeers, type RunningPeer } from '../../interop/rpc/helpers/peers';

const INTERNAL_ERROR = 6;
const UNKNOWN_METHOD = 1;

/** A TCP server that hands every connection to `onConn` (and destroys them all on close). */
async function fakeUpstream(onConn: (s: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const socks = new Set<net.Socket>();
  const srv = net.createServer((s) => { socks.add(s); s.on('error', () => undefined); onConn(s); });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () => new Promise<void>((r) => { for (const s of socks) s.destroy(); srv.close(() => r()); }),
  };
}

/** Calls echoString on `port` and returns the echoed value (proves the listener still serves). */
async function echo(port: number, s: string): Promise<string | undefined> {
  const c = new RawClient(port);
  try {
    await c.send(framed(callMessage('echoString', 42, s)));
    const [f] = await c.replies(1);
    return decodeReply(f!).success;
  } finally {
    c.close();
  }
}

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: seqids, unknown methods, upstream faults and hostile clients`, () => {
    let gen: GeneratedPeers;
    let py: RunningPeer;
    let gw: Gateway;
    const fakes: Array<{ close(): Promise<void> }> = [];
    const L: Record<string, number> = {};

    before(async () => {
      gen = generatePeerCode();
      py = await startPeerServer('python', gen, { protocol: 'binary', transport: 'framed', multiplexed: false });
      const slow = await fakeUpstream(() => undefined);  // reads, never answers
      const reset = await fakeUpstream((s) => s.once('data', () => { s.write(Buffer.from([0, 0, 0, 40, 0x80, 1, 0, 2])); setTimeout(() => s.resetAndDestroy(), 20); }));
      const garbage = await fakeUpstream((s) => s.once('data', () => s.write('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n')));
      fakes.push(slow, reset, garbage);
      const dead = await freePort();
      for (const k of ['good', 'compact', 'header', 'dead', 'slow', 'reset', 'garbage']) L[k] = await freePort();
      const listener = (k: string, up: string, protocol = 'binary') =>
        `  - { listen: '127.0.0.1:${L[k]}', transport: framed, protocol: ${protocol}, service: interop.Interop, upstream: ${up} }`;
      gw = await startGateway(io, `upstreams:
  py: { endpoints: ['127.0.0.1:${py.port}'], transport: framed, protocol: binary }
  dead: { endpoints: ['127.0.0.1:${dead}'], transport: framed, protocol: binary, connect_timeout_ms: 500 }
  slow: { endpoints: ['127.0.0.1:${slow.port}'], transport: framed, protocol: binary, timeout_ms: 300 }
  reset: { endpoints: ['127.0.0.1:${reset.port}'], transport: framed, protocol: binary }
  garbage: { endpoints: ['127.0.0.1:${garbage.port}'], transport: framed, protocol: binary }
thrift_listeners:
${listener('good', 'py')}
${listener('compact', 'py', 'compact')}
  - { listen: '127.0.0.1:${L.header}', transport: header, service: interop.Interop, upstream: py }
${listener('dead', 'dead')}
${listener('slow', 'slow')}
${listener('reset', 'reset')}
${listener('garbage', 'garbage')}
`);
    });
    after(async () => {
      await gw?.stop();
      await py?.stop();
      for (const f of fakes) await f.close();
      gen?.remove();
    });

    test('pipelined calls are answered with their own seqids; a oneway call among them gets no reply', async () => {
      const c = new RawClient(L.good!);
      try {
        const seqids = [-5, 0, 2147483647, 17];
        await c.send(Buffer.concat([
          framed(callMessage('echoString', seqids[0]!, 'a')), framed(callMessage('testOneway', 99, undefined, MessageType.CALL)),
          framed(callMessage('echoString', seqids[1]!, 'b')), framed(callMessage('echoString', seqids[2]!, 'c')),
          framed(callMessage('echoString', seqids[3]!, 'd')),
        ]));
        const replies = (await c.replies(4)).map((f) => decodeReply(f));
        const bySeq = new Map(replies.map((r) => [r.seqid, r]));
        assert.deepEqual([...bySeq.keys()].sort((a, b) => a - b), [...seqids].sort((a, b) => a - b));
        assert.deepEqual(seqids.map((s) => bySeq.get(s)!.success), ['a', 'b', 'c', 'd']);
        assert.ok(replies.every((r) => r.type === MessageType.REPLY && r.name === 'echoString'));
        // testOneway is oneway in the IDL although it came as CALL: nothing more arrives.
        await assert.rejects(c.replies(1, 400), /timed out/);
      } finally {
        c.close();
      }
    });

    test('a method the IDL does not know is forwarded unchanged when the dialects match (the backend answers it)', async () => {
      const c = new RawClient(L.good!);
      try {
        await c.send(framed(callMessage('noSuchMethod', 31, 'x')));
        const r = decodeReply((await c.replies(1))[0]!);
        assert.equal(r.seqid, 31);
        assert.equal(r.appError?.type, UNKNOWN_METHOD);
        assert.match(r.appError!.message, /noSuchMethod/);
        assert.doesNotMatch(r.appError!.message, /Sluice/, 'the Python backend, not Sluice, answered');
      } finally {
        c.close();
      }
    });

    test('a method the IDL does not know gets UNKNOWN_METHOD from Sluice when the upstream speaks another protocol', async () => {
      const c = new RawClient(L.compact!);
      try {
        await c.send(framed(callMessage('noSuchMethod', 32, 'x', MessageType.CALL, 'compact')));
        await c.send(framed(callMessage('echoString', 33, 'still fine', MessageType.CALL, 'compact')));
        const [a, b] = (await c.replies(2)).map((f) => decodeReply(f, 'compact'));
        assert.equal(a!.seqid, 32);
        assert.equal(a!.appError?.type, UNKNOWN_METHOD);
        assert.match(a!.appError!.message, /Sluice/);
        assert.deepEqual([b!.seqid, b!.success], [33, 'still fine']);
      } finally {
        c.close();
      }
    });

    test('a THeader caller speaking compact gets THeader compact back, with its flags and seqid, from a framed binary upstream', async () => {
      const msg = Buffer.from(callMessage('echoString', -9, 'über THeader', MessageType.CALL, 'compact'));
      const head = Buffer.from([0x0f, 0xff, 0x00, 0x05, 0xff, 0xff, 0xff, 0xf7, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00]);
      const c = new RawClient(L.header!);
      try {
        await c.send(framed(Buffer.concat([head, msg])));
        const f = (await c.replies(1))[0]!;
        assert.deepEqual([f.readUInt16BE(0), f.readUInt16BE(2), f.readInt32BE(4)], [0x0fff, 0x0005, -9]);
        const payloadAt = 10 + f.readUInt16BE(8) * 4;
        assert.equal(f[10], 2, 'protocol id: compact');
        const r = decodeReply(f.subarray(payloadAt), 'compact');
        assert.deepEqual([r.seqid, r.success], [-9, 'über THeader']);
      } finally {
        c.close();
      }
    });

    for (const [k, re] of [['dead', /refused|unavailable/], ['slow', /timeout_ms/], ['reset', /reset|closed/], ['garbage', /not a Thrift message|seqid/]] as const) {
      test(`an upstream that is ${k === 'dead' ? 'down' : k === 'reset' ? 'reset mid-reply' : k === 'slow' ? 'slow' : 'sending garbage'} gets the client INTERNAL_ERROR with its seqid, not a hang`, async () => {
        const c = new RawClient(L[k]!);
        try {
          const t0 = Date.now();
          await c.send(framed(callMessage('echoString', 77, 'x')));
          const r = decodeReply((await c.replies(1, 5000))[0]!);
          assert.equal(r.seqid, 77);
          assert.equal(r.type, MessageType.EXCEPTION);
          assert.equal(r.appError?.type, INTERNAL_ERROR);
          assert.match(r.appError!.message, re);
          if (k === 'slow') assert.ok(Date.now() - t0 >= 250, 'waited for timeout_ms');
        } finally {
          c.close();
        }
      });
    }

    const depthBomb = (() => {
      // echoString args whose field 1 is a struct nested 200 deep (limit 64).
      const head = Buffer.from(callMessage('echoString', 5)).subarray(0, -1);  // message header + args, minus STOP
      return Buffer.concat([head, Buffer.alloc(200 * 3, 0).map((_, i) => [0x0c, 0x00, 0x01][i % 3]!), Buffer.alloc(201, 0)]);
    })();
    const hostile: Array<[string, Buffer]> = [
      ['an oversized frame', Buffer.from([0x7f, 0xff, 0xff, 0xff, 0x80, 0x01, 0x00, 0x01])],
      ['a bad protocol version', framed(Buffer.from([0x80, 0x02, 0x00, 0x01, 0, 0, 0, 1, 0x61, 0, 0, 0, 1, 0]))],
      ['a depth bomb', framed(depthBomb)],
      ['a truncated message inside its frame', framed(Buffer.from(callMessage('echoString', 6, 'x'.repeat(100))).subarray(0, 40))],
      ['a REPLY sent as a call', framed(callMessage('echoString', 7, 'x', MessageType.REPLY))],
    ];
    for (const [what, bytes] of hostile) {
      test(`${what} from a client closes that connection only`, async () => {
        const before = listenerEvent(await gw.metrics(), `127.0.0.1:${L.good}`, 'protocol_error');
        const bystander = new RawClient(L.good!);
        const bad = new RawClient(L.good!);
        try {
          await bystander.send(framed(callMessage('echoString', 1, 'before')));
          assert.equal(decodeReply((await bystander.replies(1))[0]!).success, 'before');
          await bad.send(bytes);
          assert.equal(await bad.closedWithin(3000), true, 'the hostile connection is closed');
          await bystander.send(framed(callMessage('echoString', 2, 'after')));
          assert.equal(decodeReply((await bystander.replies(1))[0]!).success, 'after');
          assert.equal(await echo(L.good!, 'new connection'), 'new connection');
          const m = await gw.metrics();
          assert.equal(listenerEvent(m, `127.0.0.1:${L.good}`, 'protocol_error'), before + 1);
        } finally {
          bystander.close();
          bad.close();
        }
      });
    }

    test('random bytes (seeded) on a header listener never take the gateway down', async () => {
      let seed = 0x5eed;
      const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
      const valid = Buffer.from(callMessage('echoString', 3, 'y'));
      for (let i = 0; i < 40; i++) {
        // Half pure noise, half a valid call with a few bytes flipped (frames that almost parse).
        const body = i % 2 === 0 ? Buffer.from(Array.from({ length: 1 + (rnd() % 300) }, () => rnd() & 0xff)) : Buffer.from(valid);
        if (i % 2 === 1) for (let k = 0; k < 3; k++) body[rnd() % body.length] = rnd() & 0xff;
        const c = new RawClient(L.header!);
        await c.send(i % 4 === 1 ? framed(body) : body);
        await new Promise((r) => setTimeout(r, 20));
        c.close();
      }
      assert.equal(await echo(L.good!, 'still up'), 'still up');
      const c = new RawClient(L.header!);
      try {
        await c.send(framed(callMessage('echoString', 4, 'header too')));
        assert.equal(decodeReply((await c.replies(1))[0]!).success, 'header too');
      } finally {
        c.close();
      }
    });

    test('per-listener counters are in /metrics', async () => {
      const m = await gw.metrics();
      assert.ok(listenerEvent(m, `127.0.0.1:${L.slow}`, 'upstream_timeout') >= 1);
      assert.ok(listenerEvent(m, `127.0.0.1:${L.dead}`, 'upstream_error') >= 1);
      assert.ok(listenerEvent(m, `127.0.0.1:${L.compact}`, 'unknown_method') >= 1);
      assert.ok(listenerEvent(m, `127.0.0.1:${L.good}`, 'oneway') >= 1);
      assert.match(m, new RegExp(`sluice_thrift_listener_connections_active\\{listener="127\\.0\\.0\\.1:${L.good}"\\} \\d+`));
    });
  });
}
