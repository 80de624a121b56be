/**
 * Hostile HTTP upstreams behind proxy routes, on both io backends (issue 9 §3, contract §6): silent → 504
 * upstream_timeout within timeout_ms; byte-by-byte → the full 200; reset mid-reply and garbage → 502
 * upstream_error (or, once the response head has been forwarded, a closed client connection); an oversized
 * response head → 502. A well-behaved client on a healthy route keeps getting 200s throughout, and RSS stays bounded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../../src/native/engine';
import {
  BACKENDS, onRequestHead, proxyRoute, rawExchange, rawServer, rssBudgetMiB, rssMiB, startProxy, startUpstream, waitFor,
  wellBehavedClient, type RawServer, type Upstream,
} from './hostile-harness';

const TIMEOUT_MS = 400;
const OK_BODY = '{"hello":"byte by byte"}';
const OK_REPLY = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${OK_BODY.length}\r\n\r\n${OK_BODY}`;

for (const backend of BACKENDS) {
  describe(`hostile upstreams on ${backend}`, () => {
    let good: Upstream;
    const bad: Record<string, RawServer> = {};
    let engine: Engine;
    let rss0 = 0;
    before(async () => {
      good = await startUpstream((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 4 });
        res.end('pong');
      });
      bad.silent = await rawServer(() => undefined);
      bad.dribble = await rawServer((s) =>
        onRequestHead(s, () => {
          let i = 0;
          s.setNoDelay(true);
          const t = setInterval(() => {
            if (s.destroyed || i >= OK_REPLY.length) return clearInterval(t);
            s.write(OK_REPLY[i++]!);
          }, 2);
        }));
      bad.resetHead = await rawServer((s) => onRequestHead(s, () => {
        s.write('HTTP/1.1 200 OK\r\nContent-Le');
        setTimeout(() => s.resetAndDestroy(), 20);
      }));
      bad.resetBody = await rawServer((s) => onRequestHead(s, () => {
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial');
        setTimeout(() => s.resetAndDestroy(), 20);
      }));
      bad.resetAtOnce = await rawServer((s) => onRequestHead(s, () => s.resetAndDestroy()));
      bad.garbage = await rawServer((s) => onRequestHead(s, () => s.end('\x00\xff\x13garbage that is not HTTP\r\n\r\n')));
      bad.hugeHead = await rawServer((s) => onRequestHead(s, () => s.write(`HTTP/1.1 200 OK\r\n${'X-H: v\r\n'.repeat(100_000)}\r\n`)));
      bad.badLength = await rawServer((s) => onRequestHead(s, () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd')));
      const ep = (name: string) => [`127.0.0.1:${bad[name]!.port}`];
      const opts = { timeoutMs: TIMEOUT_MS, connectTimeoutMs: 300 };
      engine = await startProxy(backend, [
        proxyRoute('good', '/good', [`127.0.0.1:${good.port}`]),
        // The dribbling upstream takes ~0.3 s in total: it gets the default timeout (timeout_ms bounds the whole reply).
        ...Object.keys(bad).map((name) => proxyRoute(name, `/${name}`, ep(name), name === 'dribble' ? { ...opts, timeoutMs: 3000 } : opts)),
      ], { maxHeaderBytes: 8192 }, 2);
      rss0 = rssMiB();
    });
    after(async () => {
      await engine.close();
      await Promise.all([good.close(), ...Object.values(bad).map((s) => s.close())]);
    });

    /** Runs `hostile` while a well-behaved client requests /good; asserts it saw only 200s. */
    async function alongsideGoodClient(hostile: () => Promise<void>): Promise<void> {
      const client = wellBehavedClient(engine.port, '/good', 'pong');
      try {
        await waitFor(() => client.report.ok + client.report.failures.length > 0, 5000, 'the first well-behaved answer');
        await hostile();
      } finally {
        const r = await client.stop();
        assert.deepEqual(r.failures, [], 'the well-behaved client saw only 200s');
        assert.ok(r.ok > 0);
      }
    }

    const get = (path: string) => rawExchange(engine.port, `GET ${path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`, 5000);

    test('an upstream that accepts and never answers gives 504 upstream_timeout within timeout_ms', () =>
      alongsideGoodClient(async () => {
        const t0 = Date.now();
        const rs = await Promise.all(Array.from({ length: 8 }, () => get('/silent')));
        const ms = Date.now() - t0;
        for (const r of rs) {
          assert.match(r.text, /^HTTP\/1\.1 504 /);
          assert.match(r.text, /"code":"upstream_timeout"/);
        }
        assert.ok(ms >= TIMEOUT_MS - 50 && ms < TIMEOUT_MS + 1500, `answered after ${ms} ms`);
      }));

    test('an upstream that answers byte by byte is relayed whole', () =>
      alongsideGoodClient(async () => {
        const r = await get('/dribble');
        assert.match(r.text, /^HTTP\/1\.1 200 /);
        assert.ok(r.text.endsWith(OK_BODY), r.text);
      }));

    test('an upstream that resets inside its response head gives 502 upstream_error', () =>
      alongsideGoodClient(async () => {
        const r = await get('/resetHead');
        assert.match(r.text, /^HTTP\/1\.1 502 /);
        assert.match(r.text, /"code":"upstream_error"/);
      }));

    test('an upstream that resets before answering gives 502 upstream_error', () =>
      alongsideGoodClient(async () => {
        const r = await get('/resetAtOnce');
        assert.match(r.text, /^HTTP\/1\.1 502 /);
      }));

    test('an upstream that resets mid-body: the client never receives a complete-looking response', () =>
      alongsideGoodClient(async () => {
        const r = await get('/resetBody');
        assert.ok(r.closed, 'connection closed');
        if (r.text.startsWith('HTTP/1.1 200 ')) {
          // The head was already relayed: the only honest signal left is closing before Content-Length is met.
          const body = r.text.slice(r.text.indexOf('\r\n\r\n') + 4);
          assert.ok(body.length < 1000, `relayed ${body.length} of 1000 body bytes, then closed`);
        } else {
          assert.match(r.text, /^HTTP\/1\.1 502 /);
        }
      }));

    test('an upstream that sends garbage gives 502 upstream_error', () =>
      alongsideGoodClient(async () => {
        const r = await get('/garbage');
        assert.match(r.text, /^HTTP\/1\.1 502 /);
        assert.match(r.text, /"code":"upstream_error"/);
      }));

    test('an upstream whose response head is 800 kB of headers gives 502, not unbounded buffering', () =>
      alongsideGoodClient(async () => {
        const r = await get('/hugeHead');
        assert.match(r.text, /^HTTP\/1\.1 502 /);
      }));

    test('an upstream reply with conflicting Content-Length headers gives 502 (response smuggling)', () =>
      alongsideGoodClient(async () => {
        const r = await get('/badLength');
        assert.match(r.text, /^HTTP\/1\.1 502 /);
      }));

    test('a burst of 200 requests to hostile upstreams is answered and RSS stays within 64 MiB of the start', () =>
      alongsideGoodClient(async () => {
        const paths = ['/silent', '/resetHead', '/resetAtOnce', '/garbage', '/hugeHead', '/badLength', '/resetBody', '/dribble'];
        const rs = await Promise.all(Array.from({ length: 200 }, (_, i) => get(paths[i % paths.length]!)));
        for (const r of rs) assert.ok(r.closed, 'every hostile exchange ended');
        const grown = rssMiB() - rss0;
        assert.ok(grown < rssBudgetMiB(64), `RSS grew by ${grown.toFixed(1)} MiB`);
      }));
  });
}
