/**
 * A Thrift upstream that answers a call with a partial frame (or garbage) and closes at once must be
 * seen as closed: 502 upstream_error right away, never 504 after timeout_ms. On epoll the data and the
 * FIN/RST usually land in one edge-triggered wake-up, which is where a close used to go unnoticed.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { startEngine } from '../../../src/native/engine';
import { BinaryReader } from '../../../src/thrift/protocol';
import { BACKENDS, inventoryThriftRoutes, request, voidReply } from './harness';

const ROUNDS = 50;
const TIMEOUT_MS = 2000;

type Ending = 'fin' | 'rst' | 'garbage';

/**
 * A raw TCP server: answers DeleteItem properly (so the pool's failure count resets and the endpoint is
 * never ejected); answers any other call with a partial reply frame (or garbage), then ends the socket.
 */
async function closingServer(ending: Ending) {
  const socks = new Set<net.Socket>();
  let calls = 0;
  const srv = net.createServer((sock) => {
    socks.add(sock);
    sock.on('close', () => socks.delete(sock));
    sock.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    sock.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      const len = buf.readInt32BE(0);
      const h = new BinaryReader(new Uint8Array(buf.subarray(4, 4 + len))).readMessageBegin();
      buf = buf.subarray(4 + len);
      if (h.name === 'DeleteItem') {
        sock.write(voidReply(h.name, h.seqid));
        return;
      }
      calls++;
      if (ending === 'garbage') {
        // A frame length that promises more than ever comes: only the close can end the wait.
        sock.write(Buffer.from([0x00, 0x00, 0x10, 0x00, 0xde, 0xad, 0xbe, 0xef]));
        sock.end();
        return;
      }
      // Frame header for 64 bytes, then only the start of a REPLY message header.
      sock.write(Buffer.from([0x00, 0x00, 0x00, 0x40, 0x80, 0x01, 0x00, 0x02, 0x00, 0x00]));
      if (ending === 'rst') sock.resetAndDestroy();
      else sock.end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as AddressInfo).port,
    calls: () => calls,
    close: () => new Promise<void>((r) => { for (const s of socks) s.destroy(); srv.close(() => r()); }),
  };
}

const routes = inventoryThriftRoutes('inv');

describe('a thrift upstream that replies partially and closes', () => {
  for (const backend of BACKENDS) {
    for (const ending of ['fin', 'rst', 'garbage'] as const) {
      test(`is 502 upstream_error every time (${ROUNDS} calls, ${ending}) on ${backend}`, async () => {
        const server = await closingServer(ending);
        const engine = await startEngine({
          listen: '127.0.0.1:0', workers: 1, ioBackend: backend, limits: {},
          snapshot: {
            version: 1, routes,
            thriftUpstreams: [{ name: 'inv', endpoints: [`127.0.0.1:${server.port}`], transport: 'framed', protocol: 'binary', connectTimeoutMs: 1000, timeoutMs: TIMEOUT_MS, maxConnections: 4 }],
          },
        });
        try {
          for (let i = 0; i < ROUNDS; i++) {
            const t0 = Date.now();
            const r = await request(engine.port, { path: `/v1/items/${i + 1}` });
            const code = (JSON.parse(r.body.toString()) as { error?: { code?: string } }).error?.code;
            assert.equal(`${r.status} ${code}`, '502 upstream_error', `call ${i + 1} took ${Date.now() - t0} ms`);
            assert.ok(Date.now() - t0 < TIMEOUT_MS, `call ${i + 1} waited for timeout_ms`);
            // A good reply in between resets the consecutive-failure count that would eject the endpoint.
            const ok = await request(engine.port, { method: 'DELETE', path: `/v1/items/${i + 1}` });
            assert.equal(ok.status, 204);
          }
          assert.equal(server.calls(), ROUNDS);
        } finally {
          await engine.close();
          await server.close();
        }
      });
    }
  }
});
