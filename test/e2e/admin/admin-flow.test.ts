import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { spawnSluice } from '../../helpers/sluice-process';
import { adminCall, gatewayConfig, OPS_TOKEN, taggedUpstream, within } from './fixtures';

test('README flow: start, add a route with curl, call it, roll back, SIGTERM exits 0', async (t) => {
  const up = await taggedUpstream('up');
  t.after(() => up.close());
  const g = await gatewayConfig(`store: { kind: sqlite, path: ./data/sluice.db }
routes:
  - { id: a, method: GET, path: /a/*rest, proxy: { upstream_http: [127.0.0.1:${up.port}] } }
`);
  t.after(() => fs.rmSync(g.dir, { recursive: true, force: true }));
  const sluice = spawnSluice(['start', '--config', g.config]);
  t.after(() => sluice.stop());
  const started = await sluice.waitFor(/io_backend=(io_uring|epoll).*workers=(\d+)/);
  assert.equal(started[2], '2');
  await sluice.waitFor(/serving http/);

  const a = await fetch(`http://127.0.0.1:${g.listen}/a/x?q=1`);
  assert.equal(a.status, 200);
  assert.equal(await a.text(), 'up /a/x?q=1');
  assert.equal((await fetch(`http://127.0.0.1:${g.listen}/b/y`)).status, 404);

  // The README's curl, verbatim in shape.
  const put = execFileSync('curl', ['-s', '-X', 'PUT', `http://127.0.0.1:${g.admin}/v1/routes/b`, '-H', `Authorization: Bearer ${OPS_TOKEN}`,
    '-H', 'content-type: application/json', '-d', JSON.stringify({ method: 'GET', path: '/b/*rest', proxy: { upstream_http: [`127.0.0.1:${up.port}`] }, strip_prefix: '/b' })], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(put), { version: 2 });
  const ms = await within(1000, 'new route visible', async () => (await fetch(`http://127.0.0.1:${g.listen}/b/y`)).status === 200);
  assert.ok(ms <= 1000);
  assert.equal(await (await fetch(`http://127.0.0.1:${g.listen}/b/y`)).text(), 'up /y');

  const rb = await adminCall(g.admin, 'POST', '/v1/versions/1/rollback');
  assert.deepEqual(rb.json, { version: 3 });
  await within(1000, 'rolled-back route gone', async () => (await fetch(`http://127.0.0.1:${g.listen}/b/y`)).status === 404);
  const versions = (await adminCall(g.admin, 'GET', '/v1/versions')).json.versions;
  assert.deepEqual(versions.map((v: any) => [v.version, v.author]), [[1, 'file'], [2, 'ops'], [3, 'ops']]);

  const code = await sluice.stop();
  assert.equal(code, 0, `exit ${code} ${sluice.child.signalCode}; output:\n${sluice.output()}`);
  // The store outlives the process: a restart serves version 3 from it, not the file.
  const again = spawnSluice(['start', '--config', g.config]);
  t.after(() => again.stop());
  await again.waitFor(/config version 3/);
  assert.equal(await again.stop(), 0);
});

test('an invalid admin change is rejected and the data plane keeps serving the running version', async (t) => {
  const up = await taggedUpstream('up');
  t.after(() => up.close());
  const g = await gatewayConfig(`store: { kind: sqlite, path: ./data/sluice.db }
routes:
  - { id: a, method: GET, path: /a/*rest, proxy: { upstream_http: [127.0.0.1:${up.port}] } }
`);
  t.after(() => fs.rmSync(g.dir, { recursive: true, force: true }));
  const sluice = spawnSluice(['start', '--config', g.config]);
  t.after(() => sluice.stop());
  await sluice.waitFor(/serving http/);
  const bad = await adminCall(g.admin, 'PUT', '/v1/routes/clash', { method: 'GET', path: '/a/*other', proxy: { upstream_http: [`127.0.0.1:${up.port}`] } });
  assert.equal(bad.status, 400);
  assert.ok(bad.json.error.detail.problems.length >= 1);
  assert.equal((await fetch(`http://127.0.0.1:${g.listen}/a/x`)).status, 200);
  assert.equal((await adminCall(g.admin, 'GET', '/v1/versions')).json.versions.length, 1);
});
