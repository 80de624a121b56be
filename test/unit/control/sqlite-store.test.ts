import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { SqliteVersionStore } from '../../../src/control/sqlite-store';
import type { ConfigVersion } from '../../../src/control/types';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-store-'));
const version = (n: number, extra = ''): ConfigVersion => ({
  version: n, author: 'ops', time: new Date(0).toISOString(), summary: `v${n}`, change: { n },
  document: { idl_files: { 'a.thrift': `struct A${n} {}${extra}` }, routes: [{ id: `r${n}` }] },
});

test('sqlite store appends contiguous versions and reads each back whole', async () => {
  const store = new SqliteVersionStore(path.join(tmp(), 'db', 'sluice.db'));
  for (let n = 1; n <= 3; n++) await store.append(version(n));
  assert.deepEqual((await store.list()).map((v) => v.version), [1, 2, 3]);
  assert.deepEqual(await store.get(2), version(2));
  assert.equal((await store.latest())?.version, 3);
  assert.equal(await store.get(9), undefined);
  await store.close();
});

test('sqlite store rejects a version that is not exactly next with SLUICE_E_STORE_CONFLICT', async () => {
  const store = new SqliteVersionStore(path.join(tmp(), 'sluice.db'));
  await store.append(version(1));
  await assert.rejects(store.append(version(1)), { code: 'SLUICE_E_STORE_CONFLICT' });
  await assert.rejects(store.append(version(3)), { code: 'SLUICE_E_STORE_CONFLICT' });
  await store.close();
});

test('sqlite store survives kill -9 at any point: every stored version is whole and contiguous', async () => {
  const dir = tmp();
  const db = path.join(dir, 'sluice.db');
  const script = `
    const { SqliteVersionStore } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/control/sqlite-store.ts'))});
    const s = new SqliteVersionStore(${JSON.stringify(db)});
    (async () => {
      let n = ((await s.latest())?.version ?? 0);
      for (;;) { n++; await s.append({ version: n, author: 'w', time: 't', summary: 's', change: n,
        document: { idl_files: { 'x.thrift': 'x'.repeat(50000 + n) } } }); }
    })();`;
  const stored = () => {
    if (!fs.existsSync(db)) return 0;
    const probe = new SqliteVersionStore(db);
    return probe.list().then(async (l) => { await probe.close(); return l.length; });
  };
  for (let round = 0; round < 6; round++) {
    const before = await stored();
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
    // Kill only once this writer is appending (start-up time varies with load), then at a varying instant.
    const deadline = Date.now() + 30000;
    while ((await stored()) <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 10 + round * 37));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  const store = new SqliteVersionStore(db);
  const list = await store.list();
  assert.ok(list.length > 0, 'the writer stored something before being killed');
  list.forEach((v, i) => assert.equal(v.version, i + 1));
  for (const v of list) {
    const full = await store.get(v.version);
    assert.equal((full!.document.idl_files['x.thrift'] as string).length, 50000 + v.version);
  }
  await store.close();
});
