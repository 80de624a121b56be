import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
const entry = path.join(__dirname, 'run-cli.ts');
const tsx = require.resolve('tsx/cjs');

/** Runs `sluice check ...args` in `cwd` as a subprocess with no SLUICE_* env. */
function check(cwd: string, ...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLUICE_')));
  const r = spawnSync(process.execPath, ['-r', tsx, entry, 'check', ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function withDir(fn: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-check-'));
  try {
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('sluice check with no config and no ./sluice.yaml checks the bundled demo and prints its route table', () => {
  withDir((dir) => {
    const r = check(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /bundled demo/);
    for (const line of [
      /GET\s+\/v1\/people\/:id\s+people\.PeopleService\.getPerson -> people\s+\S*people\.thrift:\d+:\d+/,
      /POST\s+\/v1\/people\s+people\.PeopleService\.createPerson/,
      /DELETE\s+\/v1\/people\/:id\s+people\.PeopleService\.deletePerson/,
      /PATCH\s+\/v1\/people\/:id/, /PUT\s+\/v1\/people\/:id/,
    ]) assert.match(r.stdout, line);
    assert.match(r.stderr, /people\.thrift:\d+:\d+: warning SLUICEW001/);
  });
});

test('sluice check --config prints routes of a valid config, explicit ones with their config file:line', () => {
  withDir((dir) => {
    fs.writeFileSync(path.join(dir, 'gw.yaml'), `idl: [${path.join(repo, 'idl')}]
upstreams:
  people: { endpoints: [127.0.0.1:9090] }
services:
  - { service: people.PeopleService, upstream: people }
routes:
  - { id: legacy, method: GET, path: /legacy/*rest, proxy: { upstream_http: [127.0.0.1:9000] }, strip_prefix: /legacy }
`);
    const r = check(dir, '--config', 'gw.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /GET\s+\/legacy\/\*rest\s+proxy 127\.0\.0\.1:9000 strip \/legacy\s+gw\.yaml:7:5/);
    assert.match(r.stdout, /GET\s+\/v1\/people\/:id/);
  });
});

test('sluice check picks up ./sluice.yaml and prints every problem with file:line:col, exit 1', () => {
  withDir((dir) => {
    fs.writeFileSync(path.join(dir, 'api.thrift'), `struct R {
  1: i64 id (api.path="id")
}
service S {
  void a(1: R r) (api.get="/x/:key")
  void b(1: R r) (api.get="/y/:id")
  void c(1: R r) (api.get="/y/:other")
}
`);
    fs.writeFileSync(path.join(dir, 'sluice.yaml'), `idl: [./api.thrift]
upstreams:
  up:
    endpoints: [127.0.0.1:9090]
    max_conections: 3
services:
  - { service: api.S, upstream: up }
`);
    const first = check(dir);
    assert.equal(first.code, 1);
    assert.match(first.stderr, /sluice\.yaml:5:5: error SLUICE_E_CONFIG_UNKNOWN_KEY: Unknown key 'max_conections'/);
    assert.equal(first.stdout, '');

    fs.writeFileSync(path.join(dir, 'sluice.yaml'), fs.readFileSync(path.join(dir, 'sluice.yaml'), 'utf8').replace('    max_conections: 3\n', ''));
    const second = check(dir);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /api\.thrift:2:\d+: error SLUICE_E_ROUTE_MISSING_PATH_PARAM: .*'id'.*api\.thrift:5:\d+/);
    assert.match(second.stderr, /api\.thrift:7:\d+: error SLUICE_E_ROUTE_CONFLICT: .*api\.thrift:7:\d+.*api\.thrift:6:\d+/);
  });
});

test('sluice check reports IDL errors with their location', () => {
  withDir((dir) => {
    fs.writeFileSync(path.join(dir, 'bad.thrift'), 'struct A {\n  1: Missing m\n}\n');
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ idl: ['bad.thrift'] }));
    const r = check(dir, '--config', 'c.json');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.thrift:2:\d+: error SLUICE_E_IDL_\d+/);
  });
});

test('sluice check with a missing config file or a bad argument fails', () => {
  withDir((dir) => {
    const missing = check(dir, '--config', 'nope.yaml');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read config file .*nope\.yaml/);
    assert.equal(check(dir, '--bogus').code, 2);
  });
});

test('sluice check --json prints the route table as JSON with bindings and sources', () => {
  withDir((dir) => {
    const r = check(dir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { routes: Array<{ id: string; path: string; target: { bindings: Array<{ fieldName: string; sources: unknown[] }> }; source: { kind: string; loc: string } }> };
    const get = out.routes.find((x) => x.id === 'people.PeopleService.getPerson:GET:/v1/people/:id');
    assert.ok(get);
    assert.deepEqual(get.target.bindings[0], { fieldId: 1, fieldName: 'id', sources: [{ from: 'path', name: 'id' }] });
    assert.equal(get.source.kind, 'annotation');
    assert.match(get.source.loc, /people\.thrift:\d+:\d+$/);
  });
});

test('sluice check compiles pseudonymization placement as start does: a policy on a bool fails with the IDL file:line', () => {
  withDir((dir) => {
    fs.writeFileSync(path.join(dir, 'p.thrift'), 'struct Flags {\n  1: bool active (pseudo="email")\n}\nservice S { Flags get(1: Flags f) (api.post="/f") }\n');
    fs.writeFileSync(path.join(dir, 'keys.yaml'), `keys:\n  - { id: k1, secret_hex: "${'ab'.repeat(32)}", primary: true }\n`);
    const base = 'idl: [./p.thrift]\nupstreams: { u: { endpoints: [127.0.0.1:9] } }\nservices: [{ service: p.S, upstream: u }]\n' +
      'pseudonymization:\n  keyring: ./keys.yaml\n  policies:\n    email: { method: siv }\n';
    fs.writeFileSync(path.join(dir, 'sluice.yaml'), base);
    const bad = check(dir);
    assert.equal(bad.code, 1, bad.stdout);
    assert.match(bad.stderr, /p\.thrift:2:\d+: .*policy 'email' cannot transform a bool value/);
    assert.ok(!bad.stderr.includes('ab'.repeat(32)), 'no key material in problems');
    fs.writeFileSync(path.join(dir, 'p.thrift'), 'struct Flags {\n  1: string email (pseudo="email")\n}\nservice S { Flags get(1: Flags f) (api.post="/f") }\n');
    const ok = check(dir);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
