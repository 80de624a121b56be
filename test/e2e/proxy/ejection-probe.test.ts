/**
 * Passive ejection with probes (native/src/engine/endpoint_health.h): a route whose only endpoint goes down is
 * ejected (503 without trying it), and once the endpoint is back the route recovers within about a second —
 * one probe per second reaches an ejected endpoint — instead of waiting out the 10 s ejection window.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startEngine, type Engine } from '../../../src/native/engine';
import { BinaryReader } from '../../../src/thrift/protocol';
import { BACKENDS, inventoryThriftRoutes, proxyRoute, request, startProxy, voidReply } from './harness';

function listen(port: number): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
    res.end('up');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** A framed-binary Thrift server that answers every call with an empty (void) REPLY. */
function listenThrift(port: number): Promise<{ port: number; close(): Promise<void> }> {
  const socks = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    socks.add(sock);
    sock.on('close', () => socks.delete(sock));
    sock.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    sock.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const len = buf.readInt32BE(0);
        const h = new BinaryReader(new Uint8Array(buf.subarray(4, 4 + len))).readMessageBegin();
        buf = buf.subarray(4 + len);
        sock.write(voidReply(h.name, h.seqid));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      port: (server.address() as { port: number }).port,
      close: () => new Promise<void>((r) => { for (const sk of socks) sk.destroy(); server.close(() => r()); }),
    }));
  });
}

/** Fails (502/503) while the endpoint is down, then polls until it answers; returns ms from restart to recovery. */
async function outageRecovery(call: () => Promise<number>, ok: number, stop: () => Promise<void>, restart: () => Promise<void>): Promise<number> {
  assert.equal(await call(), ok);
  await stop();
  const codes: number[] = [];
  for (let i = 0; i < 8; i++) codes.push(await call());
  assert.equal(codes[0], 502, `first failure is 502 upstream_error (got ${codes.join(',')})`);
  assert.equal(codes.at(-1), 503, `the endpoint ends up ejected (got ${codes.join(',')})`);
  await restart();
  const back = Date.now();
  let status = 0;
  while (Date.now() - back < 8000) {
    status = await call();
    if (status === ok) break;
    assert.equal(status, 503, 'while ejected, requests get 503 upstream_unavailable');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(status, ok, 'the route recovers');
  const took = Date.now() - back;
  // Healthy again: no more 503s.
  for (let i = 0; i < 5; i++) assert.equal(await call(), ok);
  return took;
}

function close(server: http.Server): Promise<void> {
  return new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
}

for (const backend of BACKENDS) {
  describe(`ejected endpoints are probed on ${backend}`, () => {
    let server: http.Server;
    let port: number;
    let engine: Engine;

    before(async () => {
      server = await listen(0);
      port = (server.address() as { port: number }).port;
      engine = await startProxy(backend, [proxyRoute('flap', '/flap', [`127.0.0.1:${port}`])], {}, 1);
    });
    after(async () => {
      await engine.close();
      await close(server);
    });

    test('a route whose only endpoint restarted serves again within ~1 s, not after the 10 s ejection', async () => {
      const took = await outageRecovery(async () => (await request(engine.port, { path: '/flap' })).status, 200,
        () => close(server), async () => { server = await listen(port); });
      assert.ok(took < 3000, `recovered after ${took} ms (ejection window is 10000 ms; probes run every 1000 ms)`);
    });
  });

  describe(`ejected Thrift endpoints are probed on ${backend}`, () => {
    test('a Thrift route whose only endpoint restarted serves again within ~1 s', async () => {
      let server = await listenThrift(0);
      const port = server.port;
      const engine = await startEngine({
        listen: '127.0.0.1:0', workers: 1, ioBackend: backend, limits: {},
        snapshot: {
          version: 1, routes: inventoryThriftRoutes('inv'),
          thriftUpstreams: [{ name: 'inv', endpoints: [`127.0.0.1:${port}`], transport: 'framed', protocol: 'binary', connectTimeoutMs: 1000, timeoutMs: 2000, maxConnections: 4 }],
        },
      });
      try {
        const took = await outageRecovery(async () => (await request(engine.port, { method: 'DELETE', path: '/v1/items/1' })).status, 204,
          () => server.close(),
          async () => { server = await listenThrift(port); });
        assert.ok(took < 3000, `recovered after ${took} ms (ejection window is 10000 ms; probes run every 1000 ms)`);
      } finally {
        await engine.close();
        await server.close().catch(() => undefined);
      }
    });
  });
}
