import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, loadConfigText } from '../../../src/config/load';
import { validateConfigDocument } from '../../../src/config/validate';
import { validateRouteObject } from '../../../src/config/validate-routes';
import { sha256Hex } from '../../../src/config/env';
import { ConfigCodes, formatProblem, type ConfigProblem } from '../../../src/config/problems';

const file = '/cfg/sluice.yaml';
const load = (text: string, env: NodeJS.ProcessEnv = {}) => loadConfigText(text, file, { env, cwd: '/work' });
const where = (ps: ConfigProblem[]) => ps.map((p) => [p.code, p.loc?.line, p.loc?.column]);

/** The §2 example from the contract, verbatim apart from the token hash. */
const contractExample = `listen: 127.0.0.1:8080          # data plane, HTTP/1.1
workers: 1                      # native threads; "auto" = one per core (default)
io_backend: auto                # auto | io_uring | epoll
admin:
  listen: 127.0.0.1:9901
  tokens:
    - { name: ops, sha256: "${'ab'.repeat(32)}", scopes: [read, write] }
store:
  kind: sqlite
  path: ./data/sluice.db
idl: [./idl]
json:
  i64: number
  enums: number
  unknown_fields: ignore
upstreams:
  people:
    endpoints: [127.0.0.1:9090]
    transport: framed
    protocol: binary
    connect_timeout_ms: 1000
    timeout_ms: 3000
    max_connections: 64
services:
  - service: people.PeopleService
    upstream: people
    multiplexed_name: null
routes: []
thrift_listeners: []
pseudonymization: {}
limits:
  max_header_bytes: 65536
  max_body_bytes: 4194304
  header_timeout_ms: 10000
  idle_timeout_ms: 60000
  send_timeout_ms: 60000
shutdown_grace_ms: 10000
`;

test('the contract §2 example loads, with relative paths resolved against the config file directory', () => {
  const { config, problems } = load(contractExample);
  assert.deepEqual(problems, []);
  assert.ok(config);
  assert.equal(config.workers, 1);
  assert.deepEqual(config.listen, { host: '127.0.0.1', port: 8080, text: '127.0.0.1:8080' });
  assert.deepEqual(config.store, { kind: 'sqlite', path: '/cfg/data/sluice.db' });
  assert.deepEqual(config.idl, ['/cfg/idl']);
  assert.equal(config.admin.tokens[0]?.name, 'ops');
  assert.deepEqual(config.admin.tokens[0]?.scopes, ['read', 'write']);
  assert.equal(config.upstreams.people?.endpoints[0]?.port, 9090);
  assert.deepEqual(config.services.map((s) => [s.service, s.upstream, s.multiplexedName]), [['people.PeopleService', 'people', undefined]]);
  assert.ok(config.pseudonymization, 'an empty section is present, not absent');
});

test('an empty document takes every §2 default', () => {
  const { config, problems } = load('');
  assert.deepEqual(problems, []);
  assert.ok(config);
  assert.equal(config.listen.text, '127.0.0.1:8080');
  assert.equal(config.workers, 'auto');
  assert.equal(config.ioBackend, 'auto');
  assert.equal(config.admin.listen.text, '127.0.0.1:9901');
  assert.deepEqual(config.admin.tokens, []);
  assert.deepEqual(config.store, { kind: 'sqlite', path: '/cfg/data/sluice.db' });
  assert.deepEqual(config.idl, []);
  assert.deepEqual(config.json, { i64: 'number', enums: 'number', unknownFields: 'ignore' });
  assert.deepEqual(config.limits, { maxHeaderBytes: 65536, maxBodyBytes: 4194304, headerTimeoutMs: 10000, idleTimeoutMs: 60000, sendTimeoutMs: 60000 });
  assert.equal(config.shutdownGraceMs, 10000);
  assert.equal(config.pseudonymization, undefined);
  assert.deepEqual([config.upstreams, config.services, config.routes, config.thriftListeners], [{}, [], [], []]);
});

test('upstream defaults: framed, binary, 1000 ms connect, 3000 ms timeout, 64 connections', () => {
  const { config } = load('upstreams:\n  u: { endpoints: ["[::1]:9090", "backend.local:9091"] }\n');
  const u = config?.upstreams.u;
  assert.deepEqual(u && { ...u, loc: undefined }, {
    name: 'u', endpoints: [{ host: '::1', port: 9090, text: '[::1]:9090' }, { host: 'backend.local', port: 9091, text: 'backend.local:9091' }],
    transport: 'framed', protocol: 'binary', connectTimeoutMs: 1000, timeoutMs: 3000, maxConnections: 64, loc: undefined,
  });
});

test('unknown keys are errors naming the key at its file:line:col, at every level', () => {
  const { config, problems } = load(`listen: 127.0.0.1:8080
http_timeout: 5
upstreams:
  people:
    endpoints: [127.0.0.1:9090]
    max_conections: 64
limits:
  max_body: 1
`);
  assert.equal(config, undefined);
  assert.deepEqual(where(problems), [
    [ConfigCodes.unknownKey, 2, 1], [ConfigCodes.unknownKey, 6, 5], [ConfigCodes.unknownKey, 8, 3],
  ]);
  assert.match(problems[0]?.message ?? '', /'http_timeout'/);
  assert.match(problems[1]?.message ?? '', /'max_conections' in upstreams\.people/);
  assert.equal(formatProblem(problems[0] as ConfigProblem).split(': ')[0], '/cfg/sluice.yaml:2:1');
});

test('wrong types, negative or fractional durations and sizes, bad enums are errors at the value', () => {
  const { problems } = load(`workers: 0
io_backend: kqueue
json: { i64: bigint }
limits:
  max_body_bytes: -1
  header_timeout_ms: 1.5
  idle_timeout_ms: "60s"
shutdown_grace_ms: true
`);
  assert.deepEqual(where(problems), [
    [ConfigCodes.badValue, 1, 10], [ConfigCodes.badValue, 2, 13], [ConfigCodes.badValue, 3, 14],
    [ConfigCodes.badValue, 5, 19], [ConfigCodes.wrongType, 6, 22], [ConfigCodes.wrongType, 7, 20],
    [ConfigCodes.wrongType, 8, 20],
  ]);
});

test('bad addresses are errors: missing port, port out of range, IPv6 without brackets, junk host', () => {
  const { problems } = load(`listen: 127.0.0.1
admin: { listen: "127.0.0.1:70000" }
upstreams:
  u: { endpoints: ["::1:80", "bad host:1", "300.1.1.1:80"] }
`);
  assert.deepEqual(problems.map((p) => [p.code, p.loc?.line]), [
    [ConfigCodes.badAddress, 1], [ConfigCodes.badAddress, 2], [ConfigCodes.badAddress, 4], [ConfigCodes.badAddress, 4], [ConfigCodes.badAddress, 4],
  ]);
});

test('YAML syntax errors and duplicate keys are reported with their position', () => {
  const dup = load('listen: 127.0.0.1:1\nlisten: 127.0.0.1:2\n');
  assert.deepEqual(dup.problems.map((p) => [p.code, p.loc?.line]), [[ConfigCodes.syntax, 2]]);
  const bad = load('upstreams:\n  u: { endpoints: [127.0.0.1:1\n');
  assert.equal(bad.problems[0]?.code, ConfigCodes.syntax);
  assert.equal(bad.config, undefined);
});

test('a JSON document is accepted, with positions', () => {
  const { config } = load('{"listen": "127.0.0.1:7000", "workers": 2}');
  assert.equal(config?.listen.port, 7000);
  const { problems } = load('{\n  "listen": "127.0.0.1:7000",\n  "wrokers": 2\n}');
  assert.deepEqual(where(problems), [[ConfigCodes.unknownKey, 3, 3]]);
});

test('admin tokens: sha256 must be 64 hex digits, names unique, scopes lower-case names', () => {
  const { problems } = load(`admin:
  tokens:
    - { name: a, sha256: "abc", scopes: [read] }
    - { name: b, sha256: "${'A'.repeat(64)}", scopes: [Read] }
    - { name: b, sha256: "${'b'.repeat(64)}", scopes: [write] }
    - { name: c, sha256: "${'c'.repeat(64)}" }
`);
  assert.deepEqual(problems.map((p) => [p.code, p.loc?.line]), [
    [ConfigCodes.badValue, 3], [ConfigCodes.badValue, 4], [ConfigCodes.duplicate, 5], [ConfigCodes.missingKey, 6],
  ]);
});

test('env SLUICE_LISTEN and SLUICE_ADMIN_LISTEN override the addresses; a bad value is an error', () => {
  const { config } = load('listen: 127.0.0.1:8080\n', { SLUICE_LISTEN: '127.0.0.1:0', SLUICE_ADMIN_LISTEN: '[::1]:9999' });
  assert.equal(config?.listen.port, 0);
  assert.equal(config?.admin.listen.text, '[::1]:9999');
  const bad = load('', { SLUICE_LISTEN: 'nope' });
  assert.equal(bad.config, undefined);
  assert.deepEqual(bad.problems.map((p) => p.code), [ConfigCodes.badEnv]);
  assert.match(bad.problems[0]?.message ?? '', /SLUICE_LISTEN/);
});

test('env SLUICE_ADMIN_TOKEN adds a token named "env" with every scope, keeping only its sha256', () => {
  const { config } = load(`admin:\n  tokens: [{ name: ops, sha256: "${'a'.repeat(64)}", scopes: [read] }]\n`, { SLUICE_ADMIN_TOKEN: 's3cret' });
  const env = config?.admin.tokens.find((t) => t.name === 'env');
  assert.deepEqual(env, { name: 'env', sha256: sha256Hex('s3cret'), scopes: ['read', 'write', 'reidentify'], origin: 'env', loc: undefined });
  assert.equal(sha256Hex('s3cret'), '1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0');
  assert.ok(!JSON.stringify(config).includes('s3cret'));
  assert.equal(config?.admin.tokens.length, 2);
});

test('env SLUICE_KEYRING sets the keyring, resolved against the cwd; the file keyring resolves against the config dir', () => {
  const fromFile = load('pseudonymization:\n  keyring: ./keys.yaml\n');
  assert.equal(fromFile.config?.pseudonymization?.keyring, '/cfg/keys.yaml');
  const fromEnv = load('pseudonymization:\n  keyring: ./keys.yaml\n', { SLUICE_KEYRING: 'k/ring.yaml' });
  assert.equal(fromEnv.config?.pseudonymization?.keyring, '/work/k/ring.yaml');
});

test('store: etcd takes endpoints and prefix with defaults; keys of the other kind are errors', () => {
  const { config } = load('store: { kind: etcd }\n');
  assert.deepEqual(config?.store, { kind: 'etcd', endpoints: ['http://127.0.0.1:2379'], prefix: '/sluice/' });
  const { problems } = load('store: { kind: etcd, path: x.db, etcd: { endpoints: ["127.0.0.1:2379"], prefx: a } }\n');
  assert.deepEqual(problems.map((p) => p.code).sort(), [ConfigCodes.badAddress, ConfigCodes.badValue, ConfigCodes.unknownKey].sort());
});

test('explicit routes: method one, list or "*"; path syntax, proxy and bind shapes are validated', () => {
  const ok = load(`routes:
  - { id: a, method: get, path: /a/:x, service: people.S, function: f, bind: { x: { from: path }, body: { from: raw_body } } }
  - { id: b, method: [GET, POST], path: /b, proxy: { upstream_http: ["http://127.0.0.1:9000"] }, strip_prefix: /b }
  - { id: c, method: "*", path: /c/*rest, proxy: { upstream_http: [127.0.0.1:9001] } }
`);
  assert.deepEqual(ok.problems, []);
  const [a, b, c] = ok.config?.routes ?? [];
  assert.deepEqual(a?.methods, ['GET']);
  assert.deepEqual(a?.bind.x?.map((s) => [s.from, s.name]), [['path', 'x']]);
  assert.deepEqual(a?.bind.body?.map((s) => [s.from, s.name]), [['raw_body', undefined]]);
  assert.deepEqual([b?.methods, b?.proxy?.upstreamHttp.map((x) => x.text), b?.stripPrefix], [['GET', 'POST'], ['127.0.0.1:9000'], '/b']);
  assert.equal(c?.methods, '*');
  assert.equal(a?.loc?.line, 2);

  const bad = load(`routes:
  - { id: a, method: FETCH, path: a, service: people.S, function: f }
  - { id: b, method: GET, path: /x, service: people.S, function: f }
  - { method: GET, path: /y, service: people.S, function: f, bind: { q: { from: querystring } } }
  - { id: d, method: GET, path: /z, proxy: { upstream_http: [] }, service: people.S }
  - { id: e, method: GET, path: /e, service: people.S, function: f, strip_prefix: /e, timeout: 3 }
  - { id: b, method: GET, path: /x2, service: people.S, function: f }
`);
  assert.deepEqual(bad.problems.map((p) => [p.code, p.loc?.line]), [
    [ConfigCodes.badValue, 2], [ConfigCodes.badValue, 2],
    [ConfigCodes.missingKey, 4], [ConfigCodes.badValue, 4],
    [ConfigCodes.badValue, 5], [ConfigCodes.badValue, 5],
    [ConfigCodes.unknownKey, 6], [ConfigCodes.badValue, 6],
    [ConfigCodes.duplicate, 7],
  ]);
});

test('pseudonymization policies accept only the keys of their method', () => {
  const ok = load(`pseudonymization:
  keyring: ./keys.yaml
  reidentify_scope: reidentify
  policies:
    email:  { method: siv, domain: email }
    phone:  { method: ff1, alphabet: "0123456789", passthrough: "+-() " }
    uid:    { method: hmac, domain: uid, encoding: base32 }
    card:   { method: mask, keep_last: 4, char: "*" }
`);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(Object.keys(ok.config?.pseudonymization?.policies ?? {}), ['email', 'phone', 'uid', 'card']);
  const bad = load(`pseudonymization:
  policies:
    a: { method: siv, keep_last: 4 }
    b: { method: rot13 }
    c: { method: ff1 }
    d: { method: hmac, on_error: pass, salt: x }
  rules:
    - { service: people.S, function: f, path: req.email, policy: zzz }
`);
  assert.deepEqual(bad.problems.map((p) => [p.code, p.loc?.line]), [
    [ConfigCodes.unknownKey, 3], [ConfigCodes.badValue, 4], [ConfigCodes.missingKey, 5], [ConfigCodes.unknownKey, 6], [ConfigCodes.badValue, 8],
  ]);
});

test('validateConfigDocument works on a partial document without a source', () => {
  const r = validateConfigDocument({ upstreams: { u: { endpoints: ['127.0.0.1:1'], timeout_ms: -5 } } }, { baseDir: '/srv' });
  assert.equal(r.config, undefined);
  assert.deepEqual(r.problems.map((p) => [p.code, p.path, p.loc]), [[ConfigCodes.badValue, 'upstreams.u.timeout_ms', undefined]]);
  const ok = validateConfigDocument({ routes: [{ id: 'x', method: 'GET', path: '/x', proxy: { upstream_http: ['127.0.0.1:1'] } }] }, { baseDir: '/srv', routeOrigin: 'admin' });
  assert.equal(ok.config?.routes[0]?.origin, 'admin');
  assert.equal(ok.config?.store.kind, 'sqlite');
});

test('loadConfig reads a file from disk, falls back to ./sluice.yaml, then to the bundled demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-config-'));
  try {
    const missing = loadConfig(path.join(dir, 'nope.yaml'), { env: {} });
    assert.deepEqual(missing.problems.map((p) => p.code), [ConfigCodes.unreadable]);

    const demo = loadConfig(undefined, { env: {}, cwd: dir });
    assert.ok(demo.config?.demo);
    assert.equal(path.basename(demo.config?.file ?? ''), 'sluice.demo.yaml');
    assert.equal(demo.config?.store.kind === 'sqlite' && demo.config.store.path, path.join(dir, 'data', 'sluice.db'), 'the demo store lives under the cwd');

    fs.writeFileSync(path.join(dir, 'sluice.yaml'), 'listen: 127.0.0.1:1234\nidl: [./idl, one.thrift]\n');
    const local = loadConfig(undefined, { env: {}, cwd: dir });
    assert.equal(local.config?.listen.port, 1234);
    assert.equal(local.config?.demo, false);
    assert.deepEqual(local.config?.idl, [path.join(dir, 'idl'), path.join(dir, 'one.thrift')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validateRouteObject checks one admin route object and tags it admin', () => {
  const ok = validateRouteObject({ id: 'x', method: ['GET'], path: '/x/:id', service: 'people.S', function: 'f', source: 'admin' });
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.route?.origin, 'admin');
  const bad = validateRouteObject({ id: 'x', method: 'GET', path: '/x', service: 'people.S', function: 'f', colour: 'red' });
  assert.equal(bad.route, undefined);
  assert.deepEqual(bad.problems.map((p) => [p.code, p.path]), [[ConfigCodes.unknownKey, 'colour']]);
});

test('env SLUICE_KEYRING holding the keyring document itself is not turned into a path or copied into the config', () => {
  const inline = '{keys: [{id: k1, secret_hex: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", primary: true}]}';
  const { config, problems } = load('pseudonymization:\n  keyring: ./keys.yaml\n', { SLUICE_KEYRING: inline });
  assert.deepEqual(problems, []);
  assert.equal(config?.pseudonymization?.keyring, '/cfg/keys.yaml', 'the file value stays; the loader reads the env document');
  assert.ok(!JSON.stringify(config).includes('00112233445566778899'), 'no secret in the config');
  const yamlForm = load('pseudonymization: {}\n', { SLUICE_KEYRING: 'keys:\n  - { id: k1, secret_hex: "aa" }\n' });
  assert.equal(yamlForm.config?.pseudonymization?.keyring, undefined);
});

test('pseudonymization policies accept every method and option the policy layer supports, and reject what it rejects', () => {
  const ok = load(`pseudonymization:
  policies:
    email: { method: siv, domain: email, key: k1, email: { domain: keep, normalize_case: true } }
    phone: { method: ff1, format: phone, key: k1 }
    uid:   { method: hmac, encoding: base64url, key: k1, email: true }
    card:  { method: mask, keep_first: 2, keep_last: 4, char: "#", skip: "- " }
    notes: { method: redact }
    tier:  { method: constant, value: hidden, on_error: pass }
`);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.config?.pseudonymization?.policies.tier?.raw, { method: 'constant', value: 'hidden', on_error: 'pass' });
  const bad = load(`pseudonymization:
  policies:
    a: { method: siv, email: { domain: elsewhere } }
    b: { method: ff1, format: fax }
    c: { method: constant }
    d: { method: hmac, key: "Not An Id" }
`);
  assert.deepEqual(bad.problems.map((p) => [p.code, p.loc?.line]), [
    [ConfigCodes.badValue, 3], [ConfigCodes.badValue, 4], [ConfigCodes.badValue, 4], [ConfigCodes.badValue, 5], [ConfigCodes.badValue, 6],
  ]);
  assert.match(bad.problems[0]!.message, /email\.domain must be keep or pseudonymize/);
});
