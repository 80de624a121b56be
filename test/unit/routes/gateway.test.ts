import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileGateway, compileGatewayConfig } from '../../../src/routes/gateway';
import { hasErrors } from '../../../src/config/problems';

function withDir(fn: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-gw-'));
  try {
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('compileGateway on the bundled demo: config, schema and the annotated routes, no errors', () => {
  const r = compileGateway(undefined, { cwd: os.tmpdir(), env: {} });
  assert.ok(r.config?.demo);
  assert.ok(r.schema?.definitions.has('people.PeopleService'));
  assert.ok(!hasErrors(r.problems), JSON.stringify(r.problems));
  const paths = r.table.routes.map((x) => `${String(x.methods)} ${x.path}`);
  for (const p of ['GET /v1/people/:id', 'GET /v1/people', 'POST /v1/people', 'PUT /v1/people/:id', 'PATCH /v1/people/:id',
    'DELETE /v1/people/:id', 'POST /v1/people/:id/notes', 'GET /v1/stats/count', 'GET /v1/stats/roles']) {
    assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
  }
});

test('includes resolve against the config idl directories; admin IDL sources and routes override the disk and config', () => {
  withDir((dir) => {
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.mkdirSync(path.join(dir, 'api'));
    fs.writeFileSync(path.join(dir, 'shared', 'base.thrift'), 'struct Ping { 1: string msg }\n');
    fs.writeFileSync(path.join(dir, 'api', 'svc.thrift'), 'include "base.thrift"\nservice S { base.Ping ping() (api.get="/ping") }\n');
    fs.writeFileSync(path.join(dir, 'sluice.yaml'), `idl: [./api, ./shared]
upstreams: { up: { endpoints: [127.0.0.1:9] } }
services: [{ service: svc.S, upstream: up }]
`);
    const r = compileGateway(path.join(dir, 'sluice.yaml'), { env: {} });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.table.routes.map((x) => x.path), ['/ping']);

    const svc = path.join(dir, 'api', 'svc.thrift');
    const edited = compileGatewayConfig(r.config!, {
      idlSources: new Map([[svc, 'include "base.thrift"\nservice S { base.Ping ping() (api.get="/v2/ping") }\n']]),
      routes: [{ id: 'p', methods: ['POST'], path: '/p', service: undefined, function: undefined, upstream: undefined, bind: {},
        proxy: { upstreamHttp: [{ host: '127.0.0.1', port: 1, text: '127.0.0.1:1' }] }, stripPrefix: undefined, origin: 'admin', loc: undefined }],
    });
    assert.deepEqual(edited.problems, []);
    assert.deepEqual(edited.table.routes.map((x) => [x.path, x.source.kind]), [['/p', 'admin'], ['/v2/ping', 'annotation']]);
  });
});

test('IDL errors stop before routes and come back as located problems', () => {
  withDir((dir) => {
    fs.writeFileSync(path.join(dir, 'a.thrift'), 'service S { void f(1: Nope n) (api.post="/f") }\n');
    fs.writeFileSync(path.join(dir, 'sluice.yaml'), 'idl: [a.thrift]\n');
    const r = compileGateway(path.join(dir, 'sluice.yaml'), { env: {} });
    assert.ok(hasErrors(r.problems));
    assert.equal(r.table.routes.length, 0);
    const p = r.problems.find((x) => x.code.startsWith('SLUICE_E_IDL_'));
    assert.equal(p?.loc?.file, path.join(dir, 'a.thrift'));
    assert.equal(p?.loc?.line, 1);
  });
});
