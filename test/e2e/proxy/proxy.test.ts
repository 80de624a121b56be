import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../../src/native/engine';
import { BACKENDS, curl, proxyRoute, readUntil, request, startProxy, startUpstream, type Upstream } from './harness';

for (const backend of BACKENDS) {
  describe(`proxy routes on ${backend}`, () => {
    let up: Upstream;
    let engine: Engine;
    let agent: http.Agent;

    before(async () => {
      up = await startUpstream((req, res) => {
        if (req.url.startsWith('/chunked')) {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('first,');
          setImmediate(() => res.end('second'));
          return;
        }
        if (req.url.startsWith('/big')) {
          const big = Buffer.alloc(1 << 20, 'x');
          big.write('START');
          big.write('END', big.length - 3);
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': big.length });
          res.end(big);
          return;
        }
        if (req.url.startsWith('/hop')) {
          res.writeHead(200, { 'content-type': 'text/plain', connection: 'keep-alive, x-upstream-private', 'x-upstream-private': 'secret', 'keep-alive': 'timeout=5', 'x-kept': 'yes' });
          res.end('hop');
          return;
        }
        const body = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: req.body.toString() });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      const ep = `127.0.0.1:${up.port}`;
      engine = await startProxy(backend, [
        proxyRoute('legacy', '/legacy/*rest', [ep], { stripPrefix: '/legacy' }),
        proxyRoute('items', '/items/:id', [ep], { methods: ['GET', 'PUT'] }),
        proxyRoute('any', '/any', [ep]),
        proxyRoute('root', '/plain/*rest', [ep]),
      ]);
      agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    });

    after(async () => {
      agent.destroy();
      await engine.close();
      await up.close();
    });

    test('reports the backend it was asked for', () => {
      assert.equal(engine.backend, backend);
      assert.equal(engine.workers, 2);
    });

    test('names its data-plane threads sluice-w<N>, one per worker (top -H, perf)', () => {
      const names = fs.readdirSync('/proc/self/task').map((t) => {
        try { return fs.readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim(); } catch { return ''; }
      });
      // Other suites' engines may run in this process too: this one's two workers are at least there.
      assert.ok(names.includes('sluice-w0') && names.includes('sluice-w1'), names.join(','));
    });

    test('forwards method, path and query unchanged and strip_prefix removes the prefix', async () => {
      const r = await request(engine.port, { path: '/legacy/a/b?x=1&y=%20', agent });
      assert.equal(r.status, 200);
      const seen = JSON.parse(r.body.toString());
      assert.equal(seen.method, 'GET');
      assert.equal(seen.url, '/a/b?x=1&y=%20');
      const r2 = await request(engine.port, { path: '/plain/q?z=2', agent });
      assert.equal(JSON.parse(r2.body.toString()).url, '/plain/q?z=2');
    });

    test('a *rest route takes its prefix with the slash (rest may be empty), not the bare prefix', async () => {
      const r = await request(engine.port, { path: '/legacy/', agent });
      assert.equal(r.status, 200);
      assert.equal(JSON.parse(r.body.toString()).url, '/');
      const bare = await request(engine.port, { path: '/legacy', agent });
      assert.equal(bare.status, 404);
      assert.equal(JSON.parse(bare.body.toString()).error.code, 'route_not_found');
    });

    test('sets X-Forwarded-For, X-Forwarded-Proto and generates X-Request-Id', async () => {
      const r = await request(engine.port, { path: '/any', agent, headers: { 'x-forwarded-for': '10.0.0.1' } });
      const h = JSON.parse(r.body.toString()).headers;
      assert.equal(h['x-forwarded-for'], '10.0.0.1, 127.0.0.1');
      assert.equal(h['x-forwarded-proto'], 'http');
      assert.match(h['x-request-id'], /^[0-9a-f]{32}$/);
      const r2 = await request(engine.port, { path: '/any', agent, headers: { 'x-request-id': 'abc-123' } });
      assert.equal(JSON.parse(r2.body.toString()).headers['x-request-id'], 'abc-123');
    });

    test('removes hop-by-hop headers in both directions', async () => {
      const r = await request(engine.port, { path: '/any', agent, headers: { connection: 'keep-alive, x-private', 'x-private': '1', 'keep-alive': '300', te: 'trailers', 'x-end-to-end': 'kept' } });
      const h = JSON.parse(r.body.toString()).headers;
      assert.equal(h['x-private'], undefined);
      assert.equal(h['keep-alive'], undefined);
      assert.equal(h.te, undefined);
      assert.equal(h['x-end-to-end'], 'kept');
      const back = await request(engine.port, { path: '/legacy/hop', agent });
      assert.equal(back.headers['x-upstream-private'], undefined);
      assert.equal(back.headers['keep-alive'], undefined);
      assert.equal(back.headers['x-kept'], 'yes');
    });

    test('keeps the client connection alive across requests', async () => {
      const ids = new Set<number>();
      for (let i = 0; i < 5; i++) ids.add((await request(engine.port, { path: '/any', agent })).socketId);
      assert.equal(ids.size, 1);
    });

    test('reuses upstream connections from the per-worker pool', async () => {
      const before = engine.stats().upstreamConnects;
      for (let i = 0; i < 20; i++) await request(engine.port, { path: '/any', agent });
      assert.ok(engine.stats().upstreamConnects - before <= 2, 'at most one new upstream connection per worker');
    });

    test('de-chunks a chunked request body and forwards it with Content-Length', async () => {
      const r = await new Promise<http.IncomingMessage & { text?: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: engine.port, method: 'POST', path: '/any', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
          let t = '';
          res.on('data', (c) => (t += c));
          res.on('end', () => resolve(Object.assign(res, { text: t })));
        });
        req.on('error', reject);
        req.write('hello ');
        req.end('world');
      });
      const seen = JSON.parse(r.text ?? '');
      assert.equal(seen.body, 'hello world');
      assert.equal(seen.headers['content-length'], '11');
      assert.equal(seen.headers['transfer-encoding'], undefined);
    });

    test('relays a chunked upstream response as chunked', async () => {
      const r = await request(engine.port, { path: '/legacy/chunked', agent });
      assert.equal(r.headers['transfer-encoding'], 'chunked');
      assert.equal(r.body.toString(), 'first,second');
    });

    test('relays a 1 MiB body intact', async () => {
      const r = await request(engine.port, { path: '/legacy/big', agent });
      assert.equal(r.body.length, 1 << 20);
      assert.equal(r.body.subarray(0, 5).toString(), 'START');
      assert.equal(r.body.subarray(-3).toString(), 'END');
    });

    test('a GET route answers HEAD with headers and no body', async () => {
      const raw = await rawHead(engine.port, 'HEAD /items/7 HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.match(raw, /^HTTP\/1\.1 200 /);
      assert.match(raw, /content-length: \d+/i);
      assert.equal(up.seen.at(-1)?.method, 'HEAD');
    });

    test('unknown path is 404 route_not_found with the §6 envelope', async () => {
      const r = await request(engine.port, { path: '/nowhere', agent });
      assert.equal(r.status, 404);
      assert.match(String(r.headers['content-type']), /^application\/json/);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'route_not_found');
    });

    test('wrong method is 405 method_not_allowed with Allow', async () => {
      const r = await request(engine.port, { method: 'DELETE', path: '/items/1', agent });
      assert.equal(r.status, 405);
      assert.equal(r.headers.allow, 'GET, HEAD, PUT');
      assert.equal(JSON.parse(r.body.toString()).error.code, 'method_not_allowed');
    });

    test('curl: GET, POST with Expect: 100-continue, and keep-alive reuse', async () => {
      const out = await curl([`http://127.0.0.1:${engine.port}/items/42?q=1`]);
      assert.equal(JSON.parse(out).url, '/items/42?q=1');
      const body = 'x'.repeat(2048);
      const posted = await curl(['-H', 'Expect: 100-continue', '--data-binary', body, `http://127.0.0.1:${engine.port}/any`]);
      assert.equal(JSON.parse(posted).body, body);
      const twice = await curl(['-v', `http://127.0.0.1:${engine.port}/any`, `http://127.0.0.1:${engine.port}/any`, '-o', '/dev/null', '-o', '/dev/null', '--stderr', '-']);
      assert.match(twice, /Re-using existing connection|Reusing existing connection/);
    });

    test('pipelined requests are answered in order on one connection', async () => {
      const sock = net.connect(engine.port, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      sock.write('GET /legacy/one HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\nGET /legacy/three HTTP/1.1\r\nHost: x\r\n\r\n');
      const all = await readUntil(sock, (s) => (s.match(/HTTP\/1\.1 /g) ?? []).length === 3 && s.includes('"/three"'));
      sock.destroy();
      const one = all.indexOf('"/one"');
      const nf = all.indexOf('route_not_found');
      const three = all.indexOf('"/three"');
      assert.ok(one > 0 && nf > one && three > nf, 'responses in request order');
    });

    test('counts requests per route and status class without per-request calls', async () => {
      const s = engine.stats();
      const legacy = s.routes.find((r) => r.id === 'legacy');
      assert.ok(legacy && legacy.byClass['2xx'] >= 1);
      assert.equal(legacy?.count, legacy ? legacy.latencyBuckets.reduce((a, b) => a + b, 0) : -1);
      assert.ok(s.unmatched >= 1);
      assert.equal(s.latencyBoundsSeconds.length + 1, legacy?.latencyBuckets.length);
    });
  });
}

function rawHead(port: number, req: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(req));
    let acc = '';
    sock.on('data', (c) => {
      acc += c.toString('latin1');
      if (acc.includes('\r\n\r\n')) {
        sock.destroy();
        resolve(acc);
      }
    });
    sock.on('error', reject);
  });
}
