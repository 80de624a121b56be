import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compile, inventoryIdl, routeAt, schemaOf, serviceConfig, configOf } from './helpers';
import { RouteCodes, RouteWarnings } from '../../../src/routes/problems';
import type { ThriftTarget } from '../../../src/routes/types';

const thrift = (t: unknown) => t as ThriftTarget;

test('worked example: GetItem binds path, query, header, cookie and raw_uri exactly as annotated', () => {
  const { table, errors } = compile(schemaOf(inventoryIdl), serviceConfig());
  assert.deepEqual(errors, []);
  const r = routeAt(table, 'GET', '/v1/items/:item_id');
  assert.equal(r.id, 'items.InventoryService.GetItem:GET:/v1/items/:item_id');
  assert.deepEqual(r.source, { kind: 'annotation', loc: r.source.loc });
  assert.equal(r.source.loc?.file, '/idl/items.thrift');
  const t = thrift(r.target);
  assert.equal(t.requestShape, 'struct');
  assert.equal(t.upstream, 'up');
  assert.deepEqual(t.bindings.map((b) => [b.fieldId, b.fieldName, b.sources]), [
    [1, 'item_id', [{ from: 'path', name: 'item_id' }]],
    [2, 'locale', [{ from: 'query', name: 'lang' }]],
    [3, 'fields', [{ from: 'query', name: 'fields' }]],
    [4, 'trace_id', [{ from: 'header', name: 'X-Trace-Id' }]],
    [5, 'session', [{ from: 'cookie', name: 'sid' }]],
    [6, 'uri', [{ from: 'raw_uri' }]],
  ]);
});

test('unannotated request fields of a POST route come from JSON body keys of the same name', () => {
  const { table } = compile(schemaOf(inventoryIdl), serviceConfig());
  const t = thrift(routeAt(table, 'POST', '/v1/items').target);
  assert.deepEqual(t.bindings.map((b) => b.sources), [
    [{ from: 'body', name: 'title' }], [{ from: 'body', name: 'tags' }], [{ from: 'header', name: 'Idempotency-Key' }],
  ]);
});

test('several route annotations on one function give several routes', () => {
  const { table } = compile(schemaOf(inventoryIdl), serviceConfig());
  const del = routeAt(table, 'DELETE', '/v1/items/:item_id');
  const viaGet = routeAt(table, 'GET', '/v1/items/:item_id/delete');
  assert.equal(thrift(del.target).function, 'DeleteItem');
  assert.equal(thrift(viaGet.target).function, 'DeleteItem');
  assert.equal(table.routes.length, 4);
});

test('several location annotations on one field are kept in source order', () => {
  const idl = `struct R { 1: string s (api.cookie="x", api.path="x", api.query="x", api.header="x") }
service S { void f(1: R r) (api.get="/a/:x") }`;
  const { table, errors } = compile(schemaOf(idl, 'items'), serviceConfig('items.S'));
  assert.deepEqual(errors, []);
  assert.deepEqual(thrift(routeAt(table, 'GET', '/a/:x').target).bindings[0]?.sources.map((s) => s.from), ['cookie', 'path', 'query', 'header']);
});

test('non-struct arguments are bound by argument name: query for GET/DELETE/HEAD, body otherwise', () => {
  const idl = `service S {
  i64 count(1: i32 limit, 2: string tag) (api.get="/count", api.post="/count", api.head="/count")
}`;
  const { table, errors } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(errors, []);
  const get = thrift(routeAt(table, 'GET', '/count').target);
  assert.equal(get.requestShape, 'args');
  assert.deepEqual(get.bindings.map((b) => b.sources), [[{ from: 'query', name: 'limit' }], [{ from: 'query', name: 'tag' }]]);
  assert.deepEqual(thrift(routeAt(table, 'POST', '/count').target).bindings.map((b) => b.sources[0]?.from), ['body', 'body']);
  assert.deepEqual(thrift(routeAt(table, 'HEAD', '/count').target).bindings.map((b) => b.sources[0]?.from), ['query', 'query']);
});

test('a union argument is not a request struct: the function is bound by argument name', () => {
  const idl = `union U { 1: string a, 2: i32 b }
service S { void f(1: U u) (api.post="/u") }`;
  const { table } = compile(schemaOf(idl), serviceConfig('items.S'));
  const t = thrift(routeAt(table, 'POST', '/u').target);
  assert.equal(t.requestShape, 'args');
  assert.deepEqual(t.bindings[0]?.sources, [{ from: 'body', name: 'u' }]);
});

test('api.none request fields are never bound', () => {
  const idl = `struct R { 1: string a, 2: string secret (api.none="true") }
service S { void f(1: R r) (api.post="/r") }`;
  const { table } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(thrift(routeAt(table, 'POST', '/r').target).bindings[1]?.sources, []);
});

test('api.path naming a segment the path lacks is an error naming the field and the route, both with file:line', () => {
  const idl = `struct R {
  1: i64 id (api.path="id")
}
service S {
  void f(1: R r) (api.get="/things/:thing_id")
}`;
  const { errors, table } = compile(schemaOf(idl), serviceConfig('items.S'));
  const e = errors.find((p) => p.code === RouteCodes.missingPathParam);
  assert.ok(e, JSON.stringify(errors));
  assert.deepEqual([e.loc?.file, e.loc?.line], ['/idl/items.thrift', 2]);
  assert.match(e.message, /'id'/);
  assert.match(e.message, /\/idl\/items\.thrift:5:\d+/);
  assert.deepEqual(e.related?.map((l) => l.line), [5]);
  assert.equal(table.routes.length, 1, 'the route still compiles; the error stops the load');
});

test('a map with struct or container keys anywhere in request or response types is a load error', () => {
  const idl = `struct K { 1: i32 a }
struct Deep { 1: optional list<map<K, string>> m }
struct Resp { 1: optional Deep deep }
struct Req { 1: optional map<list<i32>, string> byList }
struct Ok { 1: optional map<i32, string> fine, 2: optional map<string, map<string, i32>> nested }
service S {
  Resp get(1: Ok r) (api.post="/a")
  Ok put(1: Req r) (api.post="/b")
}`;
  const { errors } = compile(schemaOf(idl), serviceConfig('items.S'));
  const keys = errors.filter((p) => p.code === RouteCodes.mapKey);
  assert.deepEqual(keys.map((p) => p.loc?.line).sort(), [2, 4]);
  assert.ok(keys.every((p) => /\/idl\/items\.thrift:\d+:\d+/.test(p.message)), 'each names the route too');
});

test('api.raw_body needs a string or binary field and api.raw_uri a string field', () => {
  const idl = `struct R { 1: i32 n (api.raw_body="true"), 2: binary u (api.raw_uri="true"), 3: binary ok (api.raw_body="true") }
service S { void f(1: R r) (api.post="/r") }`;
  const { errors } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.column !== undefined]), [
    [RouteCodes.bindingType, true], [RouteCodes.bindingType, true],
  ]);
  assert.match(errors[0]?.message ?? '', /raw_body.*'n' is i32/);
  assert.match(errors[1]?.message ?? '', /raw_uri.*'u' is binary/);
});

test('text sources reject structs and maps; query and header accept lists', () => {
  const idl = `struct In { 1: i32 a }
struct R { 1: In s (api.query="s"), 2: map<string,string> m (api.header="M"), 3: list<i64> ids (api.query="ids"), 4: list<i32> c (api.cookie="c") }
service S { void f(1: R r) (api.post="/r") }`;
  const { errors } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(errors.map((p) => p.message.match(/Field '(\w+)'/)?.[1]), ['s', 'm', 'c']);
});

test('an unannotated struct field of a GET request: optional is a warning, required an error', () => {
  const idl = `struct In { 1: i32 a }
struct R { 1: optional In opt, 2: required In req }
service S { void f(1: R r) (api.get="/r") }`;
  const { problems } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(problems.map((p) => [p.severity, p.code]), [
    ['warning', RouteWarnings.unboundField], ['error', RouteCodes.unbindable],
  ]);
});

test('api.http_code on a non-integer response field and a non-status exception annotation are errors', () => {
  const idl = `struct Resp { 1: string code (api.http_code="true") }
exception E { 1: string m } (api.http_code="4040")
service S { Resp f() throws (1: E e) (api.get="/f") }`;
  const { errors } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(errors.map((p) => p.code), [RouteCodes.bindingType, RouteCodes.badAnnotation]);
});

test('a path parameter no field takes is a warning', () => {
  const idl = `struct R { 1: i64 id }
service S { void f(1: R r) (api.get="/r/:id") }`;
  const { problems } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(problems.map((p) => p.code), [RouteWarnings.unusedPathParam]);
});

test('upper-case and unserved route annotations are warned about, not routed', () => {
  const idl = `service S { void f() (api.GET="/a", api.options="/b", api.any="/c") }`;
  const { problems, table } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.equal(table.routes.length, 0);
  assert.deepEqual(problems.map((p) => p.code), Array(3).fill(RouteWarnings.unroutedAnnotation));
});

test('a bad path in an annotation is an error at the annotation', () => {
  const idl = `service S { void f() (api.get="v1/x") void g() (api.get="/a/*rest/b") }`;
  const { errors } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(errors.map((p) => p.code), [RouteCodes.badPath, RouteCodes.badPath]);
});

test('an unknown service and an unknown upstream in services: are errors at the config entry', () => {
  const config = configOf(`upstreams:
  up: { endpoints: [127.0.0.1:1] }
services:
  - service: items.Nope
    upstream: up
  - service: items.InventoryService
    upstream: missing
`);
  const { errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.file, p.loc?.line]), [
    [RouteCodes.unknownService, '/cfg/sluice.yaml', 4],
    [RouteCodes.unknownUpstream, '/cfg/sluice.yaml', 7],
  ]);
  assert.match(errors[0]?.message ?? '', /items\.InventoryService/);
});

test('functions inherited through extends are routed too', () => {
  const idl = `service Base { void ping() (api.get="/ping") }
service S extends Base { void f() (api.get="/f") }`;
  const { table } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(table.routes.map((r) => r.path), ['/f', '/ping']);
});

test('two annotated routes with the same method and path shape conflict, naming both sources', () => {
  const idl = `struct A { 1: i64 id (api.path="id") }
struct B { 1: i64 key (api.path="key") }
service S {
  void a(1: A r) (api.get="/x/:id")
  void b(1: B r) (api.get="/x/:key")
  void c(1: A r) (api.post="/x/:id")
}`;
  const { errors, table } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.equal(errors.length, 1);
  const e = errors[0];
  assert.equal(e?.code, RouteCodes.conflict);
  assert.equal(e?.loc?.line, 5);
  assert.deepEqual(e?.related?.map((l) => l.line), [4]);
  assert.match(e?.message ?? '', /items\.thrift:5:\d+.*items\.thrift:4:\d+/);
  assert.equal(table.routes.length, 2, 'GET /x/:id and POST /x/:id');
});

test('an explicit route with the same method and path replaces the annotated one', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - id: get-item
    method: GET
    path: /v1/items/:item_id
    service: items.InventoryService
    function: CreateItem
`);
  const { table, errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors, []);
  const r = routeAt(table, 'GET', '/v1/items/:item_id');
  assert.equal(r.id, 'get-item');
  assert.equal(r.source.kind, 'config');
  assert.deepEqual([r.source.loc?.file, r.source.loc?.line], ['/cfg/sluice.yaml', 7]);
  assert.equal(table.routes.filter((x) => x.path === '/v1/items/:item_id').length, 2, 'the annotated DELETE stays');
});

test('explicit routes that overlap are a conflict with both config file:line', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: a, method: [GET, POST], path: /p/:x, proxy: { upstream_http: [127.0.0.1:9000] } }
  - { id: b, method: POST, path: /p/:y, proxy: { upstream_http: [127.0.0.1:9001] } }
`);
  const { errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.line, p.related?.map((l) => l.line)]), [[RouteCodes.conflict, 8, [7]]]);
  assert.match(errors[0]?.message ?? '', /sluice\.yaml:8:\d+.*sluice\.yaml:7:\d+/);
});

test('a "*" route and a GET route on the same path do not conflict', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: any, method: "*", path: /v1/items, proxy: { upstream_http: [127.0.0.1:9000] } }
`);
  const { errors, table } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors, []);
  assert.equal(table.routes.filter((r) => r.path === '/v1/items').length, 2);
});

test('explicit bind overrides replace a field\'s sources; a list gives several sources', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - id: v2
    method: GET
    path: /v2/items/:id
    service: items.InventoryService
    function: GetItem
    bind:
      item_id: { from: path, name: id }
      locale: [{ from: header, name: Accept-Language }, { from: query }]
`);
  const { table, errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors, []);
  const t = thrift(routeAt(table, 'GET', '/v2/items/:id').target);
  assert.deepEqual(t.bindings[0]?.sources, [{ from: 'path', name: 'id' }]);
  assert.deepEqual(t.bindings[1]?.sources, [{ from: 'header', name: 'Accept-Language' }, { from: 'query', name: 'locale' }]);
  assert.deepEqual(t.bindings[2]?.sources, [{ from: 'query', name: 'fields' }], 'others keep their annotations');
});

test('an explicit route keeps annotation bindings, so api.path must still match its path', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: v2, method: GET, path: /v2/items/:id, service: items.InventoryService, function: GetItem }
`);
  const { errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.file]), [[RouteCodes.missingPathParam, '/idl/items.thrift']]);
  assert.match(errors[0]?.message ?? '', /sluice\.yaml:7:\d+/);
});

test('explicit routes naming an unknown function, field or upstream are errors at the route', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: a, method: GET, path: /a, service: items.InventoryService, function: Nope }
  - { id: b, method: POST, path: /b, service: items.InventoryService, function: CreateItem, bind: { nope: { from: query } } }
  - { id: c, method: POST, path: /c, service: items.InventoryService, function: CreateItem, upstream: ghost }
  - { id: d, method: POST, path: /d, service: items.Other, function: CreateItem }
`);
  const { errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.line]), [
    [RouteCodes.unknownFunction, 7], [RouteCodes.unknownField, 8], [RouteCodes.unknownUpstream, 9], [RouteCodes.unknownService, 10],
  ]);
});

test('a route for several kinds of method takes unannotated fields from the body, then the query', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: m, method: [GET, POST], path: /m, service: items.InventoryService, function: CreateItem }
`);
  const { table } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(thrift(routeAt(table, 'POST', '/m').target).bindings[0]?.sources, [
    { from: 'body', name: 'title' }, { from: 'query', name: 'title' },
  ]);
});

test('a proxy route carries its endpoints and strip_prefix', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: legacy, method: GET, path: /legacy/*rest, proxy: { upstream_http: [127.0.0.1:9000, "http://localhost:9001"] }, strip_prefix: /legacy }
`);
  const { table } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(routeAt(table, 'GET', '/legacy/*rest').target, { kind: 'proxy', endpoints: ['127.0.0.1:9000', 'localhost:9001'], stripPrefix: '/legacy' });
});

test('an explicit route id equal to an annotated route id is an error', () => {
  const config = serviceConfig('items.InventoryService', `routes:
  - { id: "items.InventoryService.CreateItem:POST:/v1/items", method: PUT, path: /z, proxy: { upstream_http: [127.0.0.1:1] } }
`);
  const { errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors.map((p) => p.code), [RouteCodes.duplicateId]);
});

test('pseudo annotations without a pseudonymization section give one warning', () => {
  const idl = `struct P { 1: string email (pseudo="email"), 2: string phone (pseudo="phone") }
service S { void f(1: P p) (api.post="/p") }`;
  const { problems } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(problems.map((p) => [p.severity, p.code, p.loc?.line]), [['warning', RouteWarnings.pseudoIgnored, 1]]);
  assert.match(problems[0]?.message ?? '', /2 pseudo annotations/);
});

test('with a pseudonymization section, annotations and rules must name defined policies and real paths', () => {
  const idl = `struct P { 1: string email (pseudo="email"), 2: string phone (pseudo="phone"), 3: list<string> tags, 4: i32 n }
service S { void f(1: P p) (api.post="/p") }`;
  const config = serviceConfig('items.S', `pseudonymization:
  policies:
    email: { method: siv, domain: email }
  rules:
    - { service: items.S, function: f, path: "p.tags[*]", policy: email }
    - { service: items.S, function: f, path: "p.nope", policy: email }
    - { service: items.S, function: g, path: "p.tags", policy: email }
`);
  const { errors } = compile(schemaOf(idl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.file, p.loc?.line]), [
    [RouteCodes.unknownPolicy, '/idl/items.thrift', 1],
    [RouteCodes.badPseudoPath, '/cfg/sluice.yaml', 11],
    [RouteCodes.badPseudoPath, '/cfg/sluice.yaml', 12],
  ]);
});

test('a rule path may start at return (the result); a void result or a bool leaf is refused', () => {
  const idl = `struct P { 1: string email, 2: bool ok, 3: map<string, list<string>> notes }
service S { P get(1: i64 id) (api.get="/p/:id"), void f(1: P p) (api.post="/p") }`;
  const config = serviceConfig('items.S', `pseudonymization:
  policies:
    email: { method: siv, domain: email }
  rules:
    - { service: items.S, function: get, path: "return.email", policy: email }
    - { service: items.S, function: get, path: "return.notes", policy: email }
    - { service: items.S, function: f, path: "return.email", policy: email }
    - { service: items.S, function: get, path: "return.ok", policy: email }
`);
  const { errors } = compile(schemaOf(idl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.line, /returns nothing|ends at bool/.test(p.message)]), [
    [RouteCodes.badPseudoPath, 12, true],
    [RouteCodes.badPseudoPath, 13, true],
  ]);
});

test('a thrift listener naming an unknown service or upstream is an error', () => {
  const config = serviceConfig('items.InventoryService', `thrift_listeners:
  - { listen: 127.0.0.1:7090, service: items.Ghost, upstream: up }
  - { listen: 127.0.0.1:7091, service: items.InventoryService, upstream: ghost }
`);
  const { errors } = compile(schemaOf(inventoryIdl), config);
  assert.deepEqual(errors.map((p) => [p.code, p.loc?.line]), [[RouteCodes.unknownListenerService, 7], [RouteCodes.unknownListenerUpstream, 8]]);
});

test('the table is frozen and sorted by path, then method', () => {
  const { table } = compile(schemaOf(inventoryIdl), serviceConfig());
  assert.ok(Object.isFrozen(table) && Object.isFrozen(table.routes));
  assert.deepEqual(table.routes.map((r) => `${String(r.methods)} ${r.path}`), [
    'POST /v1/items', 'GET /v1/items/:item_id', 'DELETE /v1/items/:item_id', 'GET /v1/items/:item_id/delete',
  ]);
});

test('location annotations on nested request fields are warned about; nested api.body is a rename, not warned', () => {
  const idl = `struct Inner { 1: string a (api.header="X-A"), 2: string b (api.body="bee") }
struct R { 1: Inner inner, 2: list<Inner> more }
service S { void f(1: R r) (api.post="/r") }`;
  const { problems } = compile(schemaOf(idl), serviceConfig('items.S'));
  assert.deepEqual(problems.map((p) => [p.code, p.loc?.line, p.loc?.column]), [[RouteWarnings.nestedLocation, 1, 29]]);
});
