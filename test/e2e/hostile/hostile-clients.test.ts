/**
 * Hostile clients through real sockets, on both io backends (issue 9 §3): each gets its contract answer (§6)
 * or a closed connection, the engine's memory stays bounded, and a concurrent well-behaved client keeps
 * getting 200s throughout.
 */
import assert from 'node:assert/strict';
import type net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../../src/native/engine';
import {
  activeConnections, BACKENDS, closedWithin, connect, proxyRoute, rawExchange, readUntil, rssBudgetMiB, rssMiB, startProxy,
  startUpstream, waitFor, wellBehavedClient, type Upstream,
} from './hostile-harness';

const LIMITS = { headerTimeoutMs: 300, idleTimeoutMs: 1000, sendTimeoutMs: 500, maxHeaderBytes: 8192, maxBodyBytes: 65536 };
const BIG = Buffer.alloc(1 << 20, 'z');

for (const backend of BACKENDS) {
  describe(`hostile clients on ${backend}`, () => {
    let up: Upstream;
    let engine: Engine;
    let rss0 = 0;
    before(async () => {
      up = await startUpstream((req, res) => {
        const body = req.url.startsWith('/big') ? BIG : Buffer.from('pong');
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
        res.end(body);
      });
      const ep = [`127.0.0.1:${up.port}`];
      engine = await startProxy(backend, [proxyRoute('x', '/x', ep), proxyRoute('big', '/big', ep), proxyRoute('s', '/s', ep)], LIMITS, 2);
      rss0 = rssMiB();
    });
    after(async () => {
      await engine.close();
      await up.close();
    });

    /** Runs `hostile` while a well-behaved client requests /x; asserts that client saw only 200s. */
    async function alongsideGoodClient(hostile: () => Promise<void>): Promise<void> {
      const good = wellBehavedClient(engine.port, '/x', 'pong');
      try {
        // Its keep-alive connection is open before the hostile peer starts, so connection counts include it.
        await waitFor(() => good.report.ok + good.report.failures.length > 0, 5000, 'the first well-behaved answer');
        await hostile();
      } finally {
        const r = await good.stop();
        assert.deepEqual(r.failures, [], 'the well-behaved client saw only 200s');
        assert.ok(r.ok > 0, 'the well-behaved client got answers while the hostile peer ran');
      }
    }

    test('slowloris: 20 heads dribbled one byte per 50 ms are all closed after header_timeout_ms, not kept alive by the trickle', () =>
      alongsideGoodClient(async () => {
        const socks = await Promise.all(Array.from({ length: 20 }, () => connect(engine.port)));
        const head = `GET /x HTTP/1.1\r\nHost: a\r\nX-Slow: ${'s'.repeat(400)}`;
        const timers = socks.map((s) => {
          let i = 0;
          return setInterval(() => {
            if (!s.destroyed && i < head.length) s.write(head[i++]!);
          }, 50);
        });
        try {
          const times = await Promise.all(socks.map((s) => closedWithin(s)));
          for (const ms of times) assert.ok(ms >= 250 && ms < 3000, `closed after ${ms} ms`);
        } finally {
          timers.forEach(clearInterval);
          socks.forEach((s) => s.destroy());
        }
      }));

    test('a client that never reads 1 MiB responses is dropped after send_timeout_ms', () =>
      alongsideGoodClient(async () => {
        const base = activeConnections(engine);
        const sock = await connect(engine.port);
        sock.pause();  // never read: the kernel buffers fill and the engine's send stalls
        const pipelined = 'GET /big HTTP/1.1\r\nHost: a\r\n\r\n'.repeat(40);
        sock.write(pipelined);
        await waitFor(() => activeConnections(engine) > base, 2000, 'the connection to be accepted');
        const ms = await waitFor(() => activeConnections(engine) <= base, 8000, 'the stalled connection to be dropped');
        assert.ok(ms < 8000);
        sock.destroy();
      }));

    test('a pipelined flood of 2000 requests on one connection gets 2000 in-order 200s', () =>
      alongsideGoodClient(async () => {
        const sock = await connect(engine.port);
        const n = 2000;
        sock.write('GET /x HTTP/1.1\r\nHost: a\r\n\r\n'.repeat(n - 1) + 'GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
        const all = await readUntil(sock, (s) => (s.match(/HTTP\/1\.1 200 /g) ?? []).length >= n);
        assert.equal((all.match(/HTTP\/1\.1 200 /g) ?? []).length, n);
        assert.equal((all.match(/\r\n\r\npong/g) ?? []).length, n);
        sock.destroy();
      }));

    test('ten connections flooding pipelined requests at once all complete', () =>
      alongsideGoodClient(async () => {
        await Promise.all(Array.from({ length: 10 }, async () => {
          const r = await rawExchange(engine.port, 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n'.repeat(299) + 'GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 15000);
          assert.equal((r.text.match(/HTTP\/1\.1 200 /g) ?? []).length, 300);
          assert.ok(r.closed);
        }));
      }));

    test('a client that half-closes after its request still gets the response, then the connection closes', () =>
      alongsideGoodClient(async () => {
        const sock = await connect(engine.port);
        sock.end('GET /x HTTP/1.1\r\nHost: a\r\n\r\n');
        const got = await readUntil(sock, (s) => s.includes('\r\n\r\npong'));
        assert.match(got, /^HTTP\/1\.1 200 /);
        const ms = await closedWithin(sock);
        assert.ok(ms < 3000);
      }));

    test('a client that half-closes mid-head is closed without a response and leaves no connection behind', () =>
      alongsideGoodClient(async () => {
        const base = activeConnections(engine);
        const r = await rawExchange(engine.port, [], 3000).catch(() => undefined);
        assert.ok(r);
        const sock = await connect(engine.port);
        sock.end('GET /x HTTP/1.1\r\nHost: a\r\nX-Partial: ');
        const ms = await closedWithin(sock);
        assert.ok(ms < 3000);
        await waitFor(() => activeConnections(engine) <= base, 3000, 'the half-closed connection to be released');
      }));

    test('a request with 100,000 header fields gets 431 and a closed connection', () =>
      alongsideGoodClient(async () => {
        const many = 'GET /x HTTP/1.1\r\nHost: a\r\n' + 'X-H: v\r\n'.repeat(100_000) + '\r\n';
        const r = await rawExchange(engine.port, many, 5000);
        assert.match(r.text, /^HTTP\/1\.1 431 /);
        assert.ok(r.closed, 'connection closed');
      }));

    test('a single 100 kB header value gets 431 and a closed connection', () =>
      alongsideGoodClient(async () => {
        const r = await rawExchange(engine.port, `GET /x HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`, 5000);
        assert.match(r.text, /^HTTP\/1\.1 431 /);
        assert.ok(r.closed);
      }));

    const smuggling: Array<[string, string]> = [
      ['CL+TE', 'POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG'],
      ['duplicate Content-Length', 'POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
      ['chunk size with a sign', 'POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\na\r\n0\r\n\r\n'],
      ['chunk size that is not hex', 'POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nz\r\na\r\n0\r\n\r\n'],
      ['TE with a space before the colon', 'POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n'],
      ['obs-fold hiding a TE', 'POST /s HTTP/1.1\r\nHost: a\r\nX-A: b\r\n Transfer-Encoding: chunked\r\n\r\n'],
      ['bare LF between headers', 'GET /s HTTP/1.1\r\nHost: a\nX-B: c\r\n\r\n'],
      ['NUL in the request line', 'GET /s\x00y HTTP/1.1\r\nHost: a\r\n\r\n'],
    ];
    test('request smuggling attempts get 400 and a closed connection, and never reach the upstream', () =>
      alongsideGoodClient(async () => {
        for (const [name, raw] of smuggling) {
          const seen = up.count('/s');
          const r = await rawExchange(engine.port, raw);
          assert.match(r.text, /^HTTP\/1\.1 400 /, name);
          assert.equal((r.text.match(/HTTP\/1\.1 /g) ?? []).length, 1, `${name}: exactly one response`);
          assert.ok(r.closed, `${name}: closed`);
          assert.equal(up.count('/s'), seen, `${name}: nothing forwarded`);
        }
      }));

    test('300 connections reset mid-request leave no connection or memory behind', () =>
      alongsideGoodClient(async () => {
        const base = activeConnections(engine);
        for (let round = 0; round < 3; round++) {
          const socks: net.Socket[] = await Promise.all(Array.from({ length: 100 }, () => connect(engine.port)));
          for (const s of socks) s.write('POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\npartial');
          await new Promise((r) => setTimeout(r, 20));
          for (const s of socks) s.resetAndDestroy();
        }
        await waitFor(() => activeConnections(engine) <= base, 5000, 'reset connections to be released');
      }));

    test('after every hostile peer above, RSS has grown by less than 64 MiB', () => {
      const grown = rssMiB() - rss0;
      assert.ok(grown < rssBudgetMiB(64), `RSS grew by ${grown.toFixed(1)} MiB`);
    });
  });
}
