import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSluice } from '../../helpers/sluice-process';
import { startEtcd } from '../../helpers/etcd';
import { adminCall, gatewayConfig, taggedUpstream, within } from './fixtures';

test('two instances behind one etcd converge within 1 s of a change made through either', async (t) => {
  const etcd = await startEtcd();
  t.after(() => etcd.stop());
  const up = await taggedUpstream('up');
  t.after(() => up.close());
  const store = `store: { kind: etcd, etcd: { endpoints: [${etcd.endpoint}], prefix: /fleet-test/ } }
routes:
  - { id: a, method: GET, path: /a/*rest, proxy: { upstream_http: [127.0.0.1:${up.port}] } }
`;
  const g1 = await gatewayConfig(store);
  const g2 = await gatewayConfig(store);
  t.after(() => { fs.rmSync(g1.dir, { recursive: true, force: true }); fs.rmSync(g2.dir, { recursive: true, force: true }); });
  const s1 = spawnSluice(['start', '--config', g1.config]);
  t.after(() => s1.stop());
  await s1.waitFor(/serving http/);
  const s2 = spawnSluice(['start', '--config', g2.config]);
  t.after(() => s2.stop());
  await s2.waitFor(/serving http/);

  const put = await adminCall(g1.admin, 'PUT', '/v1/routes/b', { method: 'GET', path: '/b/*rest', proxy: { upstream_http: [`127.0.0.1:${up.port}`] } });
  assert.deepEqual(put.json, { version: 2 });
  const ms = await within(1000, 'instance 2 serves the route added through instance 1', async () =>
    (await fetch(`http://127.0.0.1:${g2.listen}/b/x`)).status === 200);
  assert.ok(ms <= 1000);

  const put2 = await adminCall(g2.admin, 'DELETE', '/v1/routes/b');
  assert.deepEqual(put2.json, { version: 3 });
  await within(1000, 'instance 1 drops the route deleted through instance 2', async () =>
    (await fetch(`http://127.0.0.1:${g1.listen}/b/x`)).status === 404);
  assert.equal((await adminCall(g1.admin, 'GET', '/v1/versions')).json.versions.length, 3);
});
