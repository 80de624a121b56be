import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../../src/native/engine';
import { BACKENDS, proxyRoute, rawExchange, readUntil, startProxy, startUpstream, type Upstream } from './harness';

function closed(sock: net.Socket): Promise<number> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    sock.on('close', () => resolve(Date.now() - t0));
    sock.on('error', () => undefined);
  });
}

for (const backend of BACKENDS) {
  describe(`limits and timeouts on ${backend}`, () => {
    let up: Upstream;
    let engine: Engine;
    before(async () => {
      up = await startUpstream();
      engine = await startProxy(backend, [proxyRoute('x', '/x', [`127.0.0.1:${up.port}`])], { headerTimeoutMs: 300, idleTimeoutMs: 400, maxBodyBytes: 100 });
    });
    after(async () => {
      await engine.close();
      await up.close();
    });

    test('slowloris: a head that does not complete within header_timeout_ms is closed', async () => {
      const sock = net.connect(engine.port, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      const gone = closed(sock);
      sock.write('GET /x HTTP/1.1\r\nHost: a\r\n');
      const ms = await gone;
      assert.ok(ms >= 250 && ms < 3000, `closed after ${ms} ms`);
    });

    test('an idle keep-alive connection is closed after idle_timeout_ms', async () => {
      const sock = net.connect(engine.port, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      sock.write('GET /x HTTP/1.1\r\nHost: a\r\n\r\n');
      await readUntil(sock, (s) => s.includes('"url":"/x"'));
      const ms = await closed(sock);
      assert.ok(ms >= 300 && ms < 3000, `closed after ${ms} ms`);
    });

    test('a body at max_body_bytes passes and one byte more is 413', async () => {
      const ok = await rawExchange(engine.port, `POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\nConnection: close\r\n\r\n${'a'.repeat(100)}`);
      assert.match(ok.text, /^HTTP\/1\.1 200 /);
      const big = await rawExchange(engine.port, `POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n${'a'.repeat(101)}`);
      assert.match(big.text, /^HTTP\/1\.1 413 /);
    });

    test('Expect: 100-continue gets an interim 100 before the body is sent', async () => {
      const sock = net.connect(engine.port, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      sock.write('POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n');
      await readUntil(sock, (s) => s.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
      sock.write('hello');
      const all = await readUntil(sock, (s) => s.includes('"body":"hello"'));
      sock.destroy();
      assert.match(all, /HTTP\/1\.1 200 /);
    });

    test('HTTP/1.0 without keep-alive is answered and closed', async () => {
      const r = await rawExchange(engine.port, 'GET /x HTTP/1.0\r\n\r\n');
      assert.match(r.text, /^HTTP\/1\.1 200 /);
      assert.ok(r.closed);
    });
  });
}
