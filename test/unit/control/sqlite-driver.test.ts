import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { defaultSqliteDriver, immediateTransaction, openDurableSqlite } from '../../../src/control/sqlite-driver';

const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-sqlite-')), 'd.db');
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
// node:sqlite loads without --experimental-sqlite from 22.13 and 23.4 on.
const nodeHasSqlite = major > 23 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13);

test('sqlite driver is node:sqlite where Node has it unflagged and better-sqlite3 otherwise', () => {
  assert.equal(defaultSqliteDriver(), nodeHasSqlite ? 'node:sqlite' : 'better-sqlite3');
});

test('sqlite driver opens the store durable: WAL, synchronous FULL, 5 s busy timeout', () => {
  const db = openDurableSqlite(tmpDb());
  assert.equal(db.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode, 'wal');
  assert.equal(db.get<{ synchronous: number }>('PRAGMA synchronous')?.synchronous, 2); // 2 = FULL
  assert.equal(db.get<{ timeout: number }>('PRAGMA busy_timeout')?.timeout, 5000);
  db.close();
});

test('sqlite driver transaction commits whole on return and leaves nothing when the body throws', () => {
  const file = tmpDb();
  const db = openDurableSqlite(file);
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)');
  immediateTransaction(db, () => { db.run('INSERT INTO t VALUES (?, ?)', 1, 'a'); db.run('INSERT INTO t VALUES (?, ?)', 2, null); });
  assert.throws(() => immediateTransaction(db, () => {
    db.run('INSERT INTO t VALUES (?, ?)', 3, 'c');
    throw new Error('abandon');
  }), /abandon/);
  db.close();
  const again = openDurableSqlite(file);
  assert.deepEqual(again.all<{ n: number; s: string | null }>('SELECT n, s FROM t ORDER BY n').map((r) => ({ ...r })),
    [{ n: 1, s: 'a' }, { n: 2, s: null }]);
  assert.equal(again.get('SELECT n FROM t WHERE n = ?', 3), undefined);
  again.close();
});

test('sqlite store start-up prints no ExperimentalWarning (or anything else) on stderr', () => {
  const store = path.resolve(__dirname, '../../../src/control/sqlite-store.ts');
  const script = `const { SqliteVersionStore } = require(${JSON.stringify(store)});
    const s = new SqliteVersionStore(${JSON.stringify(tmpDb())});
    s.list().then(() => s.close()).then(() => process.emitWarning('other warnings still show', 'ExperimentalWarning'));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l && !l.includes('--trace-warnings'));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /ExperimentalWarning: other warnings still show/);
});
