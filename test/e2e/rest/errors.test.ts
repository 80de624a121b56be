/**
 * Contract §6 through real sockets: every status and code of the error table with the envelope and `field`,
 * declared Thrift exceptions (api.http_code on the type and on a field, neither), TApplicationException, and
 * upstream faults (refused, slow, reset mid-reply, garbage). After each fault the gateway must answer the next
 * request normally. Both io backends; faults on framed+binary, exceptions on all three dialects.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, envelope, rawExchange, type Reply } from './harness';
import { useSuite, type Suite } from './suite';

function expectError(r: Reply, status: number, code: string, field?: string): ReturnType<typeof envelope> {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  const e = envelope(r);
  assert.equal(e.code, code, r.text);
  assert.equal(e.field, field, `field of ${r.text}`);
  assert.ok(e.message.length > 0);
  return e;
}

/** The next ordinary call on every dialect works (the gateway stayed healthy). */
async function healthy(s: Suite): Promise<void> {
  for (const p of ['/v1', '/bc', '/hc']) {
    const r = await s.call('GET', `${p}/add?a=40&b=2`);
    assert.equal(r.status, 200, `${p}/add after a fault: ${r.text}`);
    assert.equal(r.text, '42');
  }
}

for (const io of BACKENDS) {
  describe(`errors (contract §6) on ${io}`, () => {
    const s = useSuite(io);

    test('no route for the path: 404 route_not_found with the envelope', async () => {
      expectError(await s.call('GET', '/v1/nothing/here'), 404, 'route_not_found');
      expectError(await s.call('POST', '/'), 404, 'route_not_found');
    });

    test('path matches, method does not: 405 method_not_allowed with Allow', async () => {
      const r = await s.call('PATCH', '/v1/echo', { body: '{}' });
      expectError(r, 405, 'method_not_allowed');
      assert.equal(r.headers.allow, 'POST');
    });

    test('a body over limits.max_body_bytes: 413 payload_too_large, and the backend never sees it', async () => {
      const before = s.fb.records().length;
      const big = JSON.stringify({ str: 'x'.repeat(70000) });
      expectError(await s.call('POST', '/v1/echo', { body: big }), 413, 'payload_too_large');
      assert.equal(s.fb.records().length, before);
    });

    test('request headers over limits.max_header_bytes: 431 headers_too_large and the connection is closed', async () => {
      const { text, closed } = await rawExchange(s.gw.port, `GET /v1/add?a=1&b=2 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70000)}\r\n\r\n`);
      assert.match(text, /^HTTP\/1\.1 431 /);
      assert.match(text, /"code":"headers_too_large"/);
      assert.ok(closed, 'connection closed after 431');
    });

    test('malformed HTTP: 400 bad_request and the connection is closed', async () => {
      const { text, closed } = await rawExchange(s.gw.port, 'GET /v1/add?a=1 HTTP/1.1\r\nHost x\r\n\r\n');
      assert.match(text, /^HTTP\/1\.1 400 /);
      assert.match(text, /"code":"bad_request"/);
      assert.ok(closed, 'connection closed after a malformed request');
    });

    test('malformed JSON: 400 bad_request without a field, never forwarded', async () => {
      const before = s.fb.records().length;
      for (const body of ['{"flag":', 'hello', '{"flag":true}x', '{"flag":tru}', '[1,]']) {
        expectError(await s.call('POST', '/v1/echo', { body }), 400, 'bad_request');
      }
      assert.equal(s.fb.records().length, before);
    });

    test('wrong JSON types: 400 bad_request naming the JSON path', async () => {
      const cases: Array<[string, string]> = [
        ['{"flag":"yes"}', 'flag'],
        ['{"i32v":1.5}', 'i32v'],
        ['{"i64v":"12x"}', 'i64v'],
        ['{"str":1}', 'str'],
        ['{"longs":[1,"x"]}', 'longs[1]'],
        ['{"by_id":{"x":"a"}}', 'by_id.x'],
        ['{"by_flag":{"maybe":1}}', 'by_flag.maybe'],
        ['{"inner":{"a":"q"}}', 'inner.a'],
        ['{"inner":[]}', 'inner'],
        ['{"bin":"!!!"}', 'bin'],
        ['{"color":"PURPLE"}', 'color'],
        ['{"names":"a"}', 'names'],
        ['{"dbl":"nan"}', 'dbl'],
        ['{"nested":[[{"k":{"a":true}}]]}', 'nested[0][0].k.a'],
      ];
      for (const [body, field] of cases) expectError(await s.call('POST', '/v1/echo', { body }), 400, 'bad_request', field);
    });

    test('missing required fields: 400 naming the field the client should have sent', async () => {
      expectError(await s.call('POST', '/v1/items', { json: { tags: ['a'] } }), 400, 'bad_request', 'title');
      expectError(await s.call('POST', '/v1/echo', { json: { inner: {} } }), 400, 'bad_request', 'inner.a');
      expectError(await s.call('POST', '/v1/echo', { json: { choice: { inner: { b: 'x' } } } }), 400, 'bad_request', 'choice.inner.a');
    });

    test('out-of-range integers: 400 in the body, the path and the query', async () => {
      const body: Array<[string, string]> = [
        ['{"b8":128}', 'b8'], ['{"b8":-129}', 'b8'], ['{"i16v":32768}', 'i16v'], ['{"i32v":2147483648}', 'i32v'],
        ['{"i32v":"-2147483649"}', 'i32v'], ['{"i64v":9223372036854775808}', 'i64v'], ['{"i64v":"-9223372036854775809"}', 'i64v'],
        ['{"longs":[0,1e400]}', 'longs[1]'],
      ];
      for (const [b, field] of body) expectError(await s.call('POST', '/v1/echo', { body: b }), 400, 'bad_request', field);
      expectError(await s.call('GET', '/v1/items/9223372036854775808'), 400, 'bad_request', 'path:item_id');
      expectError(await s.call('GET', '/v1/add?a=1&b=2147483648'), 400, 'bad_request', 'query:b');
    });

    test('bad path, query, header and cookie values: 400 naming the source', async () => {
      expectError(await s.call('GET', '/v1/items/abc'), 400, 'bad_request', 'path:item_id');
      expectError(await s.call('GET', '/v1/search?exact=yes'), 400, 'bad_request', 'query:exact');
      expectError(await s.call('GET', '/v1/search?ids=1,x'), 400, 'bad_request', 'query:ids');
      expectError(await s.call('GET', '/v1/search?color=PURPLE'), 400, 'bad_request', 'query:color');
      expectError(await s.call('GET', '/v1/items/5?fields=1.5'), 400, 'bad_request', 'query:fields');
    });

    test('a union with no key or two keys: 400 naming the union', async () => {
      expectError(await s.call('POST', '/v1/echo', { body: '{"choice":{}}' }), 400, 'bad_request', 'choice');
      expectError(await s.call('POST', '/v1/echo', { body: '{"choice":{"s":"a","n":1}}' }), 400, 'bad_request', 'choice');
    });

    for (const prefix of ['/v1', '/bc', '/hc']) {
      test(`declared exceptions (${prefix}): status from a field's api.http_code, the type's api.http_code, else 500; code NS.Type; detail without api.none fields`, async () => {
        let e = expectError(await s.call('GET', `${prefix}/items/404`), 404, 'catalog.NotFound');
        assert.deepEqual(e.detail, { message: 'gone', code: 404 });
        e = expectError(await s.call('GET', `${prefix}/items/409`), 409, 'catalog.Conflict');
        assert.deepEqual(e.detail, { reason: 'taken' });
        e = expectError(await s.call('GET', `${prefix}/items/500`), 500, 'catalog.Broken');
        assert.deepEqual(e.detail, { why: 'disk on fire' });
      });

      test(`TApplicationException (${prefix}): INTERNAL_ERROR is 502, UNKNOWN_METHOD is 501, both upstream_application_error with detail.type`, async () => {
        let e = expectError(await s.call('GET', `${prefix}/items/502`), 502, 'upstream_application_error');
        assert.equal((e.detail as { type: number }).type, 6);
        if (prefix === '/v1') {
          e = expectError(await s.call('POST', '/v1/ghost', { body: '{}' }), 501, 'upstream_application_error');
          assert.equal((e.detail as { type: number }).type, 1);
        }
        await healthy(s);
      });
    }

    test('upstream refused: 502 upstream_error (503 upstream_unavailable once the endpoint is ejected); the gateway stays healthy', async () => {
      expectError(await s.call('GET', '/fault/dead?a=1&b=2'), 502, 'upstream_error');
      for (let i = 0; i < 3; i++) {
        const r = await s.call('GET', '/fault/dead?a=1&b=2');
        if (r.status === 503) expectError(r, 503, 'upstream_unavailable');
        else expectError(r, 502, 'upstream_error');
      }
      await healthy(s);
    });

    test('upstream that never answers: 504 upstream_timeout after its timeout_ms; the gateway stays healthy', async () => {
      const t0 = Date.now();
      expectError(await s.call('GET', '/fault/silent?a=1&b=2'), 504, 'upstream_timeout');
      const took = Date.now() - t0;
      assert.ok(took >= 250 && took < 2500, `504 after ${took} ms (timeout_ms is 300)`);
      await healthy(s);
    });

    test('an upstream sharing its endpoint with another keeps its own timeout_ms: 504 upstream_timeout; the late reply is discarded and the next call on that upstream succeeds', async () => {
      const t0 = Date.now();
      expectError(await s.call('GET', '/fault/slow?ms=1200'), 504, 'upstream_timeout');
      assert.ok(Date.now() - t0 < 1100, `504 came after ${Date.now() - t0} ms (timeout_ms is 300)`);
      // Outlive the late reply so it arrives while the next calls are in flight.
      for (let i = 0; i < 4; i++) {
        const r = await s.call('GET', `/fault/slow?ms=${i}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.text, String(i));
      }
      await new Promise((r) => setTimeout(r, 1000)); // the backend's sleeping reply lands now
      const r = await s.call('GET', '/fault/slow?ms=5');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, '5');
      await healthy(s);
    });

    test('upstream resets mid-reply: 502 upstream_error; the gateway stays healthy', async () => {
      expectError(await s.call('GET', '/fault/reset?a=1&b=2'), 502, 'upstream_error');
      expectError(await s.call('GET', '/fault/reset?a=1&b=2'), 502, 'upstream_error');
      await healthy(s);
    });

    test('upstream answers bytes that do not decode: 502 upstream_error; the gateway stays healthy', async () => {
      expectError(await s.call('GET', '/fault/garbage?a=1&b=2'), 502, 'upstream_error');
      expectError(await s.call('GET', '/fault/garbage?a=1&b=2'), 502, 'upstream_error');
      await healthy(s);
    });

    test('concurrent requests across dialects all get their own answers (seqid matching)', async () => {
      const calls = [];
      for (let i = 0; i < 60; i++) {
        const p = ['/v1', '/bc', '/hc'][i % 3];
        calls.push(s.call('GET', `${p}/add?a=${9007199254740993n + BigInt(i)}&b=${i}`).then((r) => ({ i, r })));
      }
      for (const { i, r } of await Promise.all(calls)) {
        assert.equal(r.status, 200, r.text);
        assert.equal(r.text, String(9007199254740993n + BigInt(2 * i)));
      }
    });
  });
}
