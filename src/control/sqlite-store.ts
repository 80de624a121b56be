import * as fs from 'node:fs';
import * as path from 'node:path';
import { immediateTransaction, openDurableSqlite, type SqliteConnection } from './sqlite-driver';
import type { ConfigVersion, VersionStore, VersionSummary } from './types';
import { StoreConflictError, StoreCorruptError } from './errors';

interface Row { version: number; author: string; time: string; summary: string; change: string; document: string }

/**
 * Config history in one SQLite file. WAL with synchronous=FULL and one transaction per version: a process
 * killed at any point leaves either the whole new version or none of it. The driver (`node:sqlite` or
 * better-sqlite3) is chosen by the running Node; see sqlite-driver.ts.
 */
export class SqliteVersionStore implements VersionStore {
  readonly #db: SqliteConnection;
  readonly #listeners = new Set<(v: ConfigVersion) => void>();

  constructor(file: string) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.#db = openDurableSqlite(file);
    this.#db.exec(`CREATE TABLE IF NOT EXISTS versions (
      version INTEGER PRIMARY KEY, author TEXT NOT NULL, time TEXT NOT NULL, summary TEXT NOT NULL,
      change TEXT NOT NULL, document TEXT NOT NULL)`);
  }

  async latest(): Promise<ConfigVersion | undefined> {
    const row = this.#db.get<Row>('SELECT * FROM versions ORDER BY version DESC LIMIT 1');
    return row && toVersion(row);
  }

  async get(version: number): Promise<ConfigVersion | undefined> {
    const row = this.#db.get<Row>('SELECT * FROM versions WHERE version = ?', version);
    return row && toVersion(row);
  }

  async list(): Promise<VersionSummary[]> {
    // Copied into plain objects: node:sqlite returns rows with a null prototype.
    return this.#db.all<VersionSummary>('SELECT version, author, time, summary FROM versions ORDER BY version')
      .map(({ version, author, time, summary }) => ({ version, author, time, summary }));
  }

  async append(v: ConfigVersion): Promise<void> {
    immediateTransaction(this.#db, () => {
      const top = this.#db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM versions')?.v ?? 0;
      if (v.version !== top + 1) {
        throw StoreConflictError(`version ${v.version} was not next: the store is at version ${top}`);
      }
      this.#db.run('INSERT INTO versions (version, author, time, summary, change, document) VALUES (?, ?, ?, ?, ?, ?)',
        v.version, v.author, v.time, v.summary, JSON.stringify(v.change ?? null), JSON.stringify(v.document));
    });
    for (const l of this.#listeners) l(v);
  }

  watch(onVersion: (v: ConfigVersion) => void): () => void {
    this.#listeners.add(onVersion);
    return () => { this.#listeners.delete(onVersion); };
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    this.#db.close();
  }
}

function toVersion(row: Row): ConfigVersion {
  try {
    return { version: row.version, author: row.author, time: row.time, summary: row.summary,
      change: JSON.parse(row.change), document: JSON.parse(row.document) };
  } catch (err) {
    throw StoreCorruptError(`config version ${row.version} in the store is not valid JSON`, { cause: err });
  }
}
