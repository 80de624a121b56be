import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../../src/native/engine';
import { BACKENDS, deadPort, proxyRoute, request, startProxy, startUpstream, type Upstream } from './harness';

/** A TCP server that accepts and never answers (for timeouts), or answers garbage. */
async function rawServer(onConn: (s: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const socks = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    socks.add(s);
    s.on('error', () => undefined);
    onConn(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => {
      for (const s of socks) s.destroy();
      srv.close(() => r());
    }),
  };
}

for (const backend of BACKENDS) {
  describe(`upstream failures and balancing on ${backend}`, () => {
    let a: Upstream;
    let b: Upstream;
    let silent: Awaited<ReturnType<typeof rawServer>>;
    let garbage: Awaited<ReturnType<typeof rawServer>>;
    let dead: number;
    let dead2: number;
    let dead3: number;
    let engine: Engine;
    const tag = (name: string) => (_req: unknown, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': name.length });
      res.end(name);
    };

    before(async () => {
      a = await startUpstream(tag('a'));
      b = await startUpstream(tag('b'));
      silent = await rawServer(() => undefined);
      garbage = await rawServer((s) => s.once('data', () => s.end('NOT HTTP AT ALL\r\n\r\n')));
      // Separate dead ports: ejection state is per endpoint, shared by every route that names it.
      dead = await deadPort();
      dead2 = await deadPort();
      dead3 = await deadPort();
      const A = `127.0.0.1:${a.port}`;
      const B = `127.0.0.1:${b.port}`;
      engine = await startProxy(backend, [
        proxyRoute('rr', '/rr', [A, B]),
        proxyRoute('lr', '/lr', [A, B], { balance: 'least_request' }),
        proxyRoute('refused', '/refused', [`127.0.0.1:${dead}`]),
        proxyRoute('retry', '/retry', [`127.0.0.1:${dead2}`, A]),
        proxyRoute('slow', '/slow', [`127.0.0.1:${silent.port}`], { timeoutMs: 300 }),
        proxyRoute('garbage', '/garbage', [`127.0.0.1:${garbage.port}`]),
        proxyRoute('empty', '/empty', []),
        proxyRoute('eject', '/eject', [`127.0.0.1:${dead3}`]),
      ], {}, 1);
    });
    after(async () => {
      await engine.close();
      await Promise.all([a.close(), b.close(), silent.close(), garbage.close()]);
    });

    test('round-robin alternates between endpoints', async () => {
      const got: string[] = [];
      for (let i = 0; i < 4; i++) got.push((await request(engine.port, { path: '/rr' })).body.toString());
      assert.deepEqual([...got].sort(), ['a', 'a', 'b', 'b']);
      assert.notEqual(got[0], got[1]);
    });

    test('least-request serves every request from a healthy endpoint', async () => {
      const got = await Promise.all([1, 2, 3, 4].map(() => request(engine.port, { path: '/lr' })));
      for (const r of got) assert.match(r.body.toString(), /^[ab]$/);
    });

    test('connection refused is 502 upstream_error', async () => {
      const r = await request(engine.port, { path: '/refused' });
      assert.equal(r.status, 502);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'upstream_error');
    });

    test('an idempotent request that never reached a refused endpoint is retried on the next', async () => {
      for (let i = 0; i < 2; i++) {
        const r = await request(engine.port, { path: '/retry' });
        assert.equal(r.status, 200);
        assert.equal(r.body.toString(), 'a');
      }
      assert.ok(engine.stats().upstreamRetries >= 1);
    });

    test('a POST is not retried: it fails with 502 when its endpoint refuses', async () => {
      const results = await Promise.all([1, 2].map(() => request(engine.port, { method: 'POST', path: '/retry', body: 'x' })));
      assert.ok(results.some((r) => r.status === 502), 'the attempt that hit the refused endpoint is not retried');
    });

    test('an upstream that does not answer within timeout_ms is 504 upstream_timeout', async () => {
      const t0 = Date.now();
      const r = await request(engine.port, { path: '/slow' });
      assert.equal(r.status, 504);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'upstream_timeout');
      assert.ok(Date.now() - t0 >= 250);
    });

    test('an upstream that answers garbage is 502 upstream_error', async () => {
      const r = await request(engine.port, { path: '/garbage' });
      assert.equal(r.status, 502);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'upstream_error');
    });

    test('a route without endpoints is 503 upstream_unavailable', async () => {
      const r = await request(engine.port, { path: '/empty' });
      assert.equal(r.status, 503);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'upstream_unavailable');
    });

    test('an endpoint failing 5 times in a row is ejected (503 without trying it)', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await request(engine.port, { path: '/eject' })).status);
      assert.deepEqual(codes.slice(0, 2), [502, 502]);
      assert.equal(codes.at(-1), 503);
    });

    test('upstream errors and timeouts are counted', () => {
      const s = engine.stats();
      assert.ok(s.upstreamErrors >= 2);
      assert.ok(s.upstreamTimeouts >= 1);
      assert.ok(s.upstreamUnavailable >= 1);
    });
  });
}
