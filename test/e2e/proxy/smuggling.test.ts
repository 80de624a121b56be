import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../../src/native/engine';
import { BACKENDS, envelopeCode, proxyRoute, rawExchange, startProxy, startUpstream, type Upstream } from './harness';

/** Requests a strict proxy must refuse: each gets the status, the §6 code, and a closed connection. */
const BATTERY: Array<{ name: string; raw: string; status: number; code: string }> = [
  { name: 'Content-Length together with Transfer-Encoding', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'duplicate Content-Length (even equal)', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc', status: 400, code: 'bad_request' },
  { name: 'Content-Length list', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc', status: 400, code: 'bad_request' },
  { name: 'negative Content-Length', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'Content-Length with a plus sign', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc', status: 400, code: 'bad_request' },
  { name: 'Transfer-Encoding other than chunked', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'Transfer-Encoding chunked twice', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'Transfer-Encoding "chunked, identity"', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'obs-fold continuation line', raw: 'GET /x HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n  folded\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'bare LF line ending', raw: 'GET /x HTTP/1.1\nHost: a\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'bare CR inside a header', raw: 'GET /x HTTP/1.1\r\nHost: a\rX: b\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'whitespace before the colon', raw: 'GET /x HTTP/1.1\r\nHost : a\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'missing Host on HTTP/1.1', raw: 'GET /x HTTP/1.1\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'two Host headers', raw: 'GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'Transfer-Encoding on HTTP/1.0', raw: 'POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'chunk size with 0x prefix', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'chunk size with trailing space', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'chunk size overflowing 64 bits', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000003\r\nabc\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'chunk data longer than its size', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'chunk terminated by bare LF', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'space inside the request target', raw: 'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'unknown HTTP version', raw: 'GET /x HTTP/2.0\r\nHost: a\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'absolute-form target (we are no forward proxy)', raw: 'GET http://evil/x HTTP/1.1\r\nHost: a\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'control character in a header value', raw: 'GET /x HTTP/1.1\r\nHost: a\r\nX-A: b\x01c\r\n\r\n', status: 400, code: 'bad_request' },
  { name: 'headers over max_header_bytes', raw: `GET /x HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(5000)}\r\n\r\n`, status: 431, code: 'headers_too_large' },
  { name: 'declared body over max_body_bytes', raw: 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 999999\r\n\r\n', status: 413, code: 'payload_too_large' },
  { name: 'chunked body over max_body_bytes', raw: `POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n${(2048).toString(16)}\r\n${'b'.repeat(2048)}\r\n0\r\n\r\n`, status: 413, code: 'payload_too_large' },
];

for (const backend of BACKENDS) {
  describe(`malformed and smuggling requests on ${backend}`, () => {
    let up: Upstream;
    let engine: Engine;
    before(async () => {
      up = await startUpstream();
      engine = await startProxy(backend, [proxyRoute('x', '/x', [`127.0.0.1:${up.port}`])], { maxHeaderBytes: 4096, maxBodyBytes: 1024 });
    });
    after(async () => {
      await engine.close();
      await up.close();
    });

    for (const c of BATTERY) {
      test(`${c.name} → ${c.status} ${c.code}, connection closed, nothing forwarded`, async () => {
        const before = up.seen.length;
        const r = await rawExchange(engine.port, c.raw);
        assert.match(r.text, new RegExp(`^HTTP/1\\.1 ${c.status} `));
        assert.equal(envelopeCode(r.text), c.code);
        assert.match(r.text, /\r\nConnection: close\r\n/);
        assert.ok(r.closed, 'connection closed after the error');
        assert.equal(up.seen.length, before, 'the upstream never saw the request');
      });
    }

    test('a smuggled second request hidden in a body is never parsed', async () => {
      const hidden = 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n';
      const r = await rawExchange(engine.port, `POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: ${hidden.length}\r\nTransfer-Encoding: chunked\r\n\r\n${hidden}`);
      assert.equal((r.text.match(/HTTP\/1\.1 /g) ?? []).length, 1);
    });

    test('a valid request right after a valid chunked body is served normally', async () => {
      const r = await rawExchange(engine.port, 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
      assert.equal((r.text.match(/HTTP\/1\.1 200 /g) ?? []).length, 2);
      assert.ok(r.closed);
    });

    test('parser rejections are counted', () => {
      assert.ok(engine.stats().badRequests >= BATTERY.length);
    });
  });
}
