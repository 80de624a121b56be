import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EtcdVersionStore } from '../../../src/control/etcd-store';
import type { ConfigVersion } from '../../../src/control/types';
import { startEtcd } from '../../helpers/etcd';

const version = (n: number, author = 'a'): ConfigVersion => ({
  version: n, author, time: new Date(0).toISOString(), summary: `v${n}`, change: null,
  document: { idl_files: { 'p.thrift': `struct P${n} {}` } },
});

test('etcd store: compare-and-swap lets exactly one of two instances write version N', async (t) => {
  const etcd = await startEtcd();
  t.after(() => etcd.stop());
  const a = new EtcdVersionStore([etcd.endpoint], '/sluice-test/');
  const b = new EtcdVersionStore([etcd.endpoint], '/sluice-test/');
  await a.append(version(1));
  const results = await Promise.allSettled([a.append(version(2, 'a')), b.append(version(2, 'b'))]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  assert.equal(rejected.reason.code, 'SLUICE_E_STORE_CONFLICT');
  assert.equal((await b.latest())?.version, 2);
  assert.deepEqual((await a.list()).map((v) => v.version), [1, 2]);
  await assert.rejects(a.append(version(4)), { code: 'SLUICE_E_STORE_CONFLICT' });
});

test('etcd store: a watcher sees versions another instance appends within 1 s', async (t) => {
  const etcd = await startEtcd();
  t.after(() => etcd.stop());
  const writer = new EtcdVersionStore([etcd.endpoint]);
  const reader = new EtcdVersionStore([etcd.endpoint]);
  await writer.append(version(1));
  const seen: number[] = [];
  const unwatch = reader.watch((v) => seen.push(v.version));
  t.after(unwatch);
  await new Promise((r) => setTimeout(r, 300)); // let the watch stream open
  const started = Date.now();
  await writer.append(version(2));
  await writer.append(version(3));
  while (seen.length < 2 && Date.now() - started < 1000) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(seen, [2, 3]);
});

test('etcd store: an unreachable endpoint is SLUICE_E_STORE_UNAVAILABLE, not a hang', async () => {
  const s = new EtcdVersionStore(['http://127.0.0.1:1']);
  await assert.rejects(s.latest(), { code: 'SLUICE_E_STORE_UNAVAILABLE' });
});
