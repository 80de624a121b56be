/**
 * Contract §3 through real sockets: request bindings (path, query, header, cookie, body, raw_body, raw_uri), their
 * left-to-right precedence, unannotated fields by method, non-struct arguments, list query forms, percent-decoding,
 * explicit routes with `bind`, HEAD for GET routes, 405 + Allow, response mapping (status, headers, api.none, void).
 * The Python backend records what it received; each assertion is on what the backend saw or what the client got.
 * Runs on both io backends; framed+binary by default, buffered+compact (/bc/...) and THeader+compact (/hc/...).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, envelope } from './harness';
import { useSuite } from './suite';

const BIG = 9007199254740993n; // 2^53 + 1: not representable as a double

for (const io of BACKENDS) {
  describe(`REST bindings (contract §3) on ${io}`, () => {
    const s = useSuite(io);

    for (const [prefix, upstream] of [['/v1', 'fb'], ['/bc', 'bc'], ['/hc', 'hc']] as const) {
      test(`GET ${prefix}/items/2^53+1 binds path (exact i64), query, list query, header, cookie and raw URI (${upstream})`, async () => {
        const target = `${prefix}/items/9007199254740993?lang=de&fields=1,2,3`;
        const r = await s.call('GET', target, { headers: { 'X-Trace-Id': 't1', Cookie: 'a=b; sid=abc' } });
        assert.equal(r.status, 201, r.text);
        assert.deepEqual(s[upstream].last(), {
          fn: 'GetItem', args: { req: { item_id: BIG, locale: 'de', fields: [1, 2, 3], trace_id: 't1', session: 'abc', uri: target } },
        });
      });
    }

    test('?fields=1&fields=2&fields=3 binds the same list as ?fields=1,2,3', async () => {
      const r = await s.call('GET', '/v1/items/5?fields=1&fields=2&fields=3');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { item_id: 5, fields: [1, 2, 3], uri: '/v1/items/5?fields=1&fields=2&fields=3' } });
    });

    test('POST /v1/items takes unannotated title and tags from the JSON body and idem from Idempotency-Key', async () => {
      const r = await s.call('POST', '/v1/items', { json: { title: 'x', tags: ['a'] }, headers: { 'Idempotency-Key': 'k' } });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(s.fb.last(), { fn: 'CreateItem', args: { req: { title: 'x', tags: ['a'], idem: 'k' } } });
      assert.deepEqual(r.json, { item: { id: '1', title: 'x', state: 0, tags: ['a'] } });
    });

    test('GET /v1/items/7/delete and DELETE /v1/items/7 call DeleteItem; void answers 204 with an empty body', async () => {
      for (const [method, target] of [['GET', '/v1/items/7/delete'], ['DELETE', '/v1/items/7']] as const) {
        const r = await s.call(method, target);
        assert.equal(r.status, 204, `${method} ${target}: ${r.text}`);
        assert.equal(r.text, '');
        assert.equal(s.fb.last().fn, 'DeleteItem');
        assert.equal(s.fb.last().args.req!.constructor, Object);
        assert.equal((s.fb.last().args.req as { item_id: number }).item_id, 7);
      }
    });

    test('location annotations are tried left to right: header, then query, then cookie', async () => {
      const cases: Array<[Record<string, string>, string, string]> = [
        [{ 'X-Who': 'h', Cookie: 'who=c' }, '/v1/who?who=q', 'h'],
        [{ Cookie: 'who=c' }, '/v1/who?who=q', 'q'],
        [{ Cookie: 'x=1; who=c' }, '/v1/who', 'c'],
        [{}, '/v1/who', ''],
      ];
      for (const [headers, target, want] of cases) {
        const r = await s.call('GET', target, { headers });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json, want, `${target} ${JSON.stringify(headers)}`);
        assert.deepEqual(s.fb.last().args, { req: want === '' ? {} : { who: want } });
      }
    });

    test('GET binds unannotated fields from the query: percent-decoded strings, enums by name or number, bools, doubles, i64', async () => {
      let r = await s.call('GET', '/v1/search?q=a%20b%26c%2F%C3%A9&ids=1,2,3&color=GREEN&exact=1&min=-1.5&big=9223372036854775807');
      assert.equal(r.status, 200, r.text);
      const want = { q: 'a b&c/é', ids: [1, 2, 3], color: 2, exact: true, min: -1.5, big: 9223372036854775807n };
      assert.deepEqual(s.fb.last().args, { req: want });
      assert.deepEqual(r.json, want);
      r = await s.call('GET', '/v1/search?ids=4&ids=5&color=3&exact=false');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { ids: [4, 5], color: 3, exact: false } });
      r = await s.call('GET', '/v1/search?exact=0&exact2=ignored');
      assert.deepEqual(s.fb.last().args, { req: { exact: false } });
    });

    test('DELETE binds unannotated fields from the query too', async () => {
      const r = await s.call('DELETE', '/v1/search?q=gone&ids=9');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { q: 'gone', ids: [9] } });
    });

    test('POST binds unannotated fields from the JSON body and never from the query', async () => {
      const r = await s.call('POST', '/v1/search?q=from-query&exact=true', { json: { ids: [1], color: 'BLUE', min: 2 } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { ids: [1], color: 3, min: 2 } });
    });

    test('non-struct arguments: query parameters for GET, body keys for POST; a non-struct result is the JSON value itself', async () => {
      let r = await s.call('GET', '/v1/add?a=9007199254740993&b=2');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, '9007199254740995');
      assert.deepEqual(s.fb.last(), { fn: 'Add', args: { a: BIG, b: 2 } });
      r = await s.call('POST', '/v1/add', { body: '{"a":"9007199254740993","b":-3}' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, '9007199254740990');
      assert.deepEqual(s.fb.last().args, { a: BIG, b: -3 });
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    });

    test(':name and *name values are percent-decoded; api.raw_uri gets the request-target exactly as sent', async () => {
      let r = await s.call('GET', '/v1/items/%31%32');
      assert.equal(r.status, 200, r.text);
      assert.equal((s.fb.last().args.req as { item_id: number }).item_id, 12);
      const target = '/v1/files/a%20b/c%2Fd.txt?x=%20y&z';
      r = await s.call('GET', target);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { path: 'a b/c/d.txt', uri: target } });
      assert.deepEqual(r.json, { path: 'a b/c/d.txt', uri: target });
    });

    test('api.raw_body takes the whole body as bytes (not JSON); an empty body is an empty value, not a missing one', async () => {
      const bytes = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0xc3, 0x28, 0x0a]);
      let r = await s.call('PUT', '/v1/blobs/n%201', { body: bytes, headers: { 'content-type': 'application/octet-stream' } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last(), { fn: 'Upload', args: { req: { name: 'n 1', data: { $bytes: bytes.toString('hex') }, ctype: 'application/octet-stream' } } });
      assert.deepEqual(r.json, { name: 'n 1', size: bytes.length, data: bytes.toString('base64') });
      r = await s.call('PUT', '/v1/blobs/empty', { body: '' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { name: 'empty', data: { $bytes: '' } } });
      assert.deepEqual(r.json, { name: 'empty', size: 0, data: '' });
    });

    test('an explicit route with bind: overrides replace the field\'s annotation sources, other fields keep theirs', async () => {
      let r = await s.call('GET', '/v2/items/42?lang=de&fields=7', { headers: { 'Accept-Language': 'fr', 'X-Trace-Id': 't2' } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { item_id: 42, locale: 'fr', fields: [7], trace_id: 't2', uri: '/v2/items/42?lang=de&fields=7' } });
      r = await s.call('GET', '/v2/items/43?lang=de');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(s.fb.last().args, { req: { item_id: 43, uri: '/v2/items/43?lang=de' } });
    });

    test('an explicit route with the same method and path as an annotated one replaces it (POST /v1/who2 calls Add, not Who)', async () => {
      const r = await s.call('POST', '/v1/who2', { json: { a: 40, b: 2 } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, '42');
      assert.deepEqual(s.fb.last(), { fn: 'Add', args: { a: 40, b: 2 } });
    });

    test('response mapping: api.http_code sets the status, api.header fields become headers, api.none fields never leave, js_conv i64 is a string', async () => {
      const r = await s.call('GET', '/v1/items/9007199254740993');
      assert.equal(r.status, 201);
      assert.equal(r.headers.etag, '"v1"');
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      assert.deepEqual(r.json, { item: { id: '9007199254740993', title: 'x', state: 1, raw_id: BIG } });
      assert.match(r.text, /"raw_id":9007199254740993[,}]/);
      assert.doesNotMatch(r.text, /note|etag|status/);
    });

    test('an unset api.http_code field answers 200; binary response fields are standard padded base64', async () => {
      const r = await s.call('GET', '/v1/items/7');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { item: { id: '7', title: 'item 7', state: 1, tags: ['a', 'b'], thumb: '+/+/AQ==', raw_id: 7 } });
    });

    test('HEAD on a GET route answers the same status and headers with no body', async () => {
      const get = await s.call('GET', '/v1/items/5');
      const head = await s.call('HEAD', '/v1/items/5');
      assert.equal(head.status, get.status);
      assert.equal(head.text, '');
      for (const h of ['etag', 'content-type', 'content-length']) assert.equal(head.headers[h], get.headers[h], h);
      assert.equal(s.fb.last().fn, 'GetItem');
    });

    test('a path that matches with another method answers 405 method_not_allowed with Allow (HEAD wherever GET is)', async () => {
      let r = await s.call('PUT', '/v1/items');
      assert.equal(r.status, 405);
      assert.equal(r.headers.allow, 'POST');
      assert.equal(envelope(r).code, 'method_not_allowed');
      r = await s.call('POST', '/v1/items/5');
      assert.equal(r.status, 405);
      assert.deepEqual(String(r.headers.allow).split(/,\s*/).sort(), ['DELETE', 'GET', 'HEAD']);
      assert.equal(envelope(r).code, 'method_not_allowed');
    });

    test('a plain HTTP proxy route in the same config forwards with strip_prefix (no Thrift involved)', async () => {
      const r = await s.call('GET', '/legacy/x/y?z=1%202');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { via: 'proxy', url: '/x/y?z=1%202' });
      assert.deepEqual(s.proxied.at(-1), { method: 'GET', url: '/x/y?z=1%202' });
    });
  });
}
