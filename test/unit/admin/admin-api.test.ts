import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { adminHarness, TOKENS } from './harness';

test('health, readiness and metrics answer without a token; everything else needs one', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  assert.equal((await h.app.inject({ url: '/healthz' })).statusCode, 200);
  assert.equal((await h.app.inject({ url: '/readyz' })).json().version, 1);
  assert.match((await h.app.inject({ url: '/metrics' })).body, /sluice_config_version/);
  const r = await h.app.inject({ url: '/v1/routes' });
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().error.code, 'unauthorized');
  assert.equal((await h.app.inject({ url: '/v1/routes', headers: h.auth('wrong') })).statusCode, 401);
});

test('read scope may GET but not change; a token without read gets 403', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  assert.equal((await h.app.inject({ url: '/v1/routes', headers: h.auth(TOKENS.reader) })).statusCode, 200);
  const put = await h.app.inject({ method: 'PUT', url: '/v1/routes/x', headers: h.auth(TOKENS.reader), payload: { method: 'GET', path: '/x', proxy: { upstream_http: ['127.0.0.1:1'] } } });
  assert.equal(put.statusCode, 403);
  assert.equal(put.json().error.code, 'forbidden');
  assert.equal((await h.app.inject({ url: '/v1/routes', headers: h.auth(TOKENS.nobody) })).statusCode, 403);
});

test('GET /v1/routes lists annotation routes with file:line sources and config routes', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const { routes } = (await h.app.inject({ url: '/v1/routes', headers: h.auth(TOKENS.ops) })).json();
  const get = routes.find((r: any) => r.path === '/v1/people/:id' && r.method === 'GET');
  assert.equal(get.service, 'people.PeopleService');
  assert.equal(get.function, 'getPerson');
  assert.match(get.source, /people\.thrift:\d+$/);
  assert.deepEqual(get.bind.id, { from: 'path', name: 'id' });
  const legacy = routes.find((r: any) => r.id === 'legacy');
  assert.deepEqual(legacy.proxy, { upstream_http: ['127.0.0.1:9000'] });
  assert.match(legacy.source, /sluice\.yaml:\d+$/);
  assert.equal((await h.app.inject({ url: '/v1/routes/legacy', headers: h.auth(TOKENS.ops) })).json().id, 'legacy');
  assert.equal((await h.app.inject({ url: '/v1/routes/nope', headers: h.auth(TOKENS.ops) })).statusCode, 404);
});

test('PUT /v1/routes/:id creates a version authored by the token name, applied at once', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const r = await h.app.inject({ method: 'PUT', url: '/v1/routes/new-proxy', headers: h.auth(TOKENS.ops),
    payload: { method: ['GET', 'POST'], path: '/new/*rest', proxy: { upstream_http: ['127.0.0.1:9001'] } } });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { version: 2 });
  assert.deepEqual(h.applied, [1, 2]);
  const route = (await h.app.inject({ url: '/v1/routes/new-proxy', headers: h.auth(TOKENS.ops) })).json();
  assert.equal(route.source, 'admin');
  assert.deepEqual(route.method, ['GET', 'POST']);
  const { versions } = (await h.app.inject({ url: '/v1/versions', headers: h.auth(TOKENS.ops) })).json();
  assert.equal(versions.length, 2);
  assert.equal(versions[1].author, 'ops');
  assert.ok(!Number.isNaN(Date.parse(versions[1].time)));
  assert.match(versions[1].summary, /new-proxy/);
});

test('an explicit route replaces the annotated one with the same method and path', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const r = await h.app.inject({ method: 'PUT', url: '/v1/routes/get-person-v2', headers: h.auth(TOKENS.ops),
    payload: { method: 'GET', path: '/v1/people/:id', service: 'people.PeopleService', function: 'getPerson', bind: { id: { from: 'path', name: 'id' } } } });
  assert.equal(r.statusCode, 200, r.body);
  const { routes } = (await h.app.inject({ url: '/v1/routes', headers: h.auth(TOKENS.ops) })).json();
  const matching = routes.filter((x: any) => x.path === '/v1/people/:id' && x.method === 'GET');
  assert.equal(matching.length, 1);
  assert.equal(matching[0].id, 'get-person-v2');
});

test('body validation errors use the §6 envelope and name the field', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const missing = await h.app.inject({ method: 'PUT', url: '/v1/routes/x', headers: h.auth(TOKENS.ops), payload: { method: 'GET' } });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.code, 'bad_request');
  assert.equal(missing.json().error.field, 'path');
  const mismatch = await h.app.inject({ method: 'PUT', url: '/v1/routes/x', headers: h.auth(TOKENS.ops), payload: { id: 'y', method: 'GET', path: '/x', proxy: { upstream_http: ['127.0.0.1:1'] } } });
  assert.equal(mismatch.statusCode, 400);
  assert.equal(mismatch.json().error.field, 'id');
  const malformed = await h.app.inject({ method: 'PUT', url: '/v1/routes/x', headers: { ...h.auth(TOKENS.ops), 'content-type': 'application/json' }, payload: '{"method":' });
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json().error.code, 'bad_request');
});

test('an invalid change is rejected with every problem and the running version stays', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const r = await h.app.inject({ method: 'PUT', url: '/v1/routes/bad', headers: h.auth(TOKENS.ops),
    payload: { method: 'GET', path: '/bad/:id', service: 'people.NoSuchService', function: 'nope' } });
  assert.equal(r.statusCode, 400);
  const body = r.json();
  assert.equal(body.error.code, 'bad_request');
  assert.ok(body.error.detail.problems.length >= 1);
  assert.match(JSON.stringify(body.error.detail.problems), /NoSuchService/);
  assert.equal(h.control.live.version.version, 1);
  assert.deepEqual(h.applied, [1]);
});

test('IDL upload, read, list and delete; a broken upload is refused with file:line:col', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const extra = 'namespace py extra\nstruct Extra { 1: string name }\n';
  const up = await h.app.inject({ method: 'PUT', url: '/v1/idl/extra/extra.thrift', headers: { ...h.auth(TOKENS.ops), 'content-type': 'text/plain' }, payload: extra });
  assert.equal(up.statusCode, 200, up.body);
  const list = (await h.app.inject({ url: '/v1/idl', headers: h.auth(TOKENS.ops) })).json();
  assert.ok(list.files.some((f: any) => f.path === 'extra/extra.thrift'));
  const read = await h.app.inject({ url: '/v1/idl/extra/extra.thrift', headers: h.auth(TOKENS.ops) });
  assert.equal(read.body, extra);
  const broken = await h.app.inject({ method: 'PUT', url: '/v1/idl/broken.thrift', headers: { ...h.auth(TOKENS.ops), 'content-type': 'text/plain' }, payload: 'struct X {\n  1: strin a\n}\n' });
  assert.equal(broken.statusCode, 400);
  assert.match(JSON.stringify(broken.json().error.detail.problems), /broken\.thrift:\d+:\d+/);
  const escape = await h.app.inject({ method: 'PUT', url: '/v1/idl/..%2F..%2Fetc%2Fx.thrift', headers: { ...h.auth(TOKENS.ops), 'content-type': 'text/plain' }, payload: extra });
  assert.equal(escape.statusCode, 400);
  const del = await h.app.inject({ method: 'DELETE', url: '/v1/idl/extra/extra.thrift', headers: h.auth(TOKENS.ops) });
  assert.equal(del.statusCode, 200);
  assert.equal((await h.app.inject({ url: '/v1/idl/extra/extra.thrift', headers: h.auth(TOKENS.ops) })).statusCode, 404);
  // The demo IDL is still needed by its services: deleting it is refused.
  const delNeeded = await h.app.inject({ method: 'DELETE', url: '/v1/idl/people.thrift', headers: h.auth(TOKENS.ops) });
  assert.equal(delNeeded.statusCode, 400);
});

test('upstreams and policies: put, read back; policies never accept key material', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const up = await h.app.inject({ method: 'PUT', url: '/v1/upstreams/people', headers: h.auth(TOKENS.ops), payload: { endpoints: ['127.0.0.1:9191'], transport: 'buffered', protocol: 'compact' } });
  assert.equal(up.statusCode, 200, up.body);
  const ups = (await h.app.inject({ url: '/v1/upstreams', headers: h.auth(TOKENS.ops) })).json();
  assert.deepEqual(ups.upstreams.people.endpoints, ['127.0.0.1:9191']);
  const badUp = await h.app.inject({ method: 'PUT', url: '/v1/upstreams/people', headers: h.auth(TOKENS.ops), payload: { endpoints: ['127.0.0.1:9191'], transport: 'carrier-pigeon' } });
  assert.equal(badUp.statusCode, 400);
  const withKey = await h.app.inject({ method: 'PUT', url: '/v1/policies/email', headers: h.auth(TOKENS.ops), payload: { method: 'siv', domain: 'email', secret_hex: '00'.repeat(32) } });
  assert.equal(withKey.statusCode, 400);
  assert.ok(!withKey.body.includes('00'.repeat(32)));
  const keyInIdField = await h.app.inject({ method: 'PUT', url: '/v1/policies/phone', headers: h.auth(TOKENS.ops), payload: { method: 'ff1', alphabet: '0123456789', key: 'ab'.repeat(32) } });
  assert.equal(keyInIdField.statusCode, 400, 'a hex secret in `key` (which holds a key id) is refused');
  assert.ok(!keyInIdField.body.includes('ab'.repeat(32)));
  // A key id pins ff1/hmac to one keyring key: accepted by the schema (the whole config is then validated).
  const pinned = await h.app.inject({ method: 'PUT', url: '/v1/policies/phone', headers: h.auth(TOKENS.ops), payload: { method: 'ff1', alphabet: '0123456789', key: 'k1' } });
  // This harness's IDL names other policies, so the whole-config check refuses the change: past the schema.
  assert.equal(pinned.json().error?.message, 'the change does not compile', pinned.body);
});

test('POST /v1/validate reports problems and changes nothing', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const ok = await h.app.inject({ method: 'POST', url: '/v1/validate', headers: h.auth(TOKENS.ops), payload: { json: { i64: 'string' } } });
  assert.equal(ok.json().valid, true);
  assert.deepEqual(ok.json().problems.filter((p: any) => p.severity !== 'warning'), []);
  const bad = await h.app.inject({ method: 'POST', url: '/v1/validate', headers: h.auth(TOKENS.ops),
    payload: { services: [{ service: 'people.PeopleService', upstream: 'missing' }], listen: '0.0.0.0:1' } });
  assert.equal(bad.statusCode, 200);
  assert.equal(bad.json().valid, false);
  assert.ok(bad.json().problems.length >= 2);
  assert.equal(h.control.live.version.version, 1);
});

test('versions export as YAML; rollback makes a new version equal to the old one', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const put = await h.app.inject({ method: 'PUT', url: '/v1/routes/tmp', headers: h.auth(TOKENS.ops), payload: { method: 'GET', path: '/tmp', proxy: { upstream_http: ['127.0.0.1:1'] } } });
  assert.equal(put.statusCode, 200, put.body);
  const v2 = (await h.app.inject({ url: '/v1/versions/2', headers: h.auth(TOKENS.ops) })).json();
  assert.ok(v2.diff.some((d: any) => d.path === 'routes'));
  const yaml = await h.app.inject({ url: '/v1/versions/1?format=yaml', headers: h.auth(TOKENS.ops) });
  assert.match(yaml.headers['content-type'] as string, /yaml/);
  const doc = parseYaml(yaml.body);
  assert.ok(doc.idl_files['people.thrift'].includes('service PeopleService'));
  const rb = await h.app.inject({ method: 'POST', url: '/v1/versions/1/rollback', headers: h.auth(TOKENS.ops) });
  assert.deepEqual(rb.json(), { version: 3 });
  assert.deepEqual(h.control.live.version.document, (await h.store.get(1))!.document);
  assert.equal((await h.app.inject({ url: '/v1/routes/tmp', headers: h.auth(TOKENS.ops) })).statusCode, 404);
  assert.equal((await h.app.inject({ method: 'POST', url: '/v1/versions/99/rollback', headers: h.auth(TOKENS.ops) })).statusCode, 404);
});

test('concurrent writers on the same base version: one wins, the other gets 409', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const put = (id: string) => h.app.inject({ method: 'PUT', url: `/v1/routes/${id}`, headers: { ...h.auth(TOKENS.ops), 'if-match': '1' },
    payload: { method: 'GET', path: `/${id}`, proxy: { upstream_http: ['127.0.0.1:1'] } } });
  const [a, b] = await Promise.all([put('a'), put('b')]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  assert.equal((a.statusCode === 409 ? a : b).json().error.code, 'conflict');
  assert.equal(h.control.live.version.version, 2);
});

test('every admin call leaves one access line with the token name and never a token', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  await h.app.inject({ url: '/v1/routes', headers: h.auth(TOKENS.ops) });
  await h.app.inject({ url: '/v1/routes', headers: h.auth('not-a-token') });
  assert.equal(h.log.length, 2);
  assert.match(h.log[0]!, /token=ops GET \/v1\/routes status=200/);
  assert.match(h.log[1]!, /token=- GET \/v1\/routes status=401/);
  for (const line of h.log) for (const secret of [...Object.values(TOKENS), 'not-a-token']) assert.ok(!line.includes(secret));
});

test('GET /v1/openapi.json is a valid OpenAPI 3.1 document of the live routes', async (t) => {
  const h = await adminHarness();
  t.after(() => h.close());
  const doc = (await h.app.inject({ url: '/v1/openapi.json', headers: h.auth(TOKENS.ops) })).json();
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const result = await new Validator().validate(doc);
  assert.equal(result.valid, true, JSON.stringify(result.errors));
  assert.equal(doc.openapi, '3.1.0');
  const get = doc.paths['/v1/people/{id}'].get;
  assert.ok(get.parameters.some((p: any) => p.in === 'path' && p.name === 'id' && p.required));
  assert.ok(get.parameters.some((p: any) => p.in === 'header' && p.name === 'X-Trace-Id'));
  assert.ok(get.parameters.some((p: any) => p.in === 'cookie' && p.name === 'sid'));
  assert.ok(get.responses['404'], 'common.NotFound declares api.http_code 404');
  assert.ok(get.responses['200'].headers.ETag);
  assert.ok(!('served_by' in get.responses['200'].content['application/json'].schema.properties), 'api.none fields never appear');
  assert.ok(doc.paths['/legacy/{rest}'].get);
  assert.ok(doc.paths['/v1/people/{id}'].delete.responses['204']);
});
