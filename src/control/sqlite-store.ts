import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { ConfigVersion, VersionStore, VersionSummary } from './types';
import { StoreConflictError, StoreCorruptError } from './errors';

interface Row { version: number; author: string; time: string; summary: string; change: string; document: string }

/**
 * Config history in one SQLite file. WAL with synchronous=FULL and one transaction per version: a process
 * killed at any point leaves either the whole new version or none of it.
 */
export class SqliteVersionStore implements VersionStore {
  readonly #db: Database.Database;
  readonly #listeners = new Set<(v: ConfigVersion) => void>();

  constructor(file: string) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS versions (
      version INTEGER PRIMARY KEY, author TEXT NOT NULL, time TEXT NOT NULL, summary TEXT NOT NULL,
      change TEXT NOT NULL, document TEXT NOT NULL)`);
  }

  async latest(): Promise<ConfigVersion | undefined> {
    const row = this.#db.prepare('SELECT * FROM versions ORDER BY version DESC LIMIT 1').get() as Row | undefined;
    return row && toVersion(row);
  }

  async get(version: number): Promise<ConfigVersion | undefined> {
    const row = this.#db.prepare('SELECT * FROM versions WHERE version = ?').get(version) as Row | undefined;
    return row && toVersion(row);
  }

  async list(): Promise<VersionSummary[]> {
    return this.#db.prepare('SELECT version, author, time, summary FROM versions ORDER BY version').all() as VersionSummary[];
  }

  async append(v: ConfigVersion): Promise<void> {
    const insert = this.#db.transaction(() => {
      const top = (this.#db.prepare('SELECT MAX(version) AS v FROM versions').get() as { v: number | null }).v ?? 0;
      if (v.version !== top + 1) {
        throw StoreConflictError(`version ${v.version} was not next: the store is at version ${top}`);
      }
      this.#db.prepare('INSERT INTO versions (version, author, time, summary, change, document) VALUES (?, ?, ?, ?, ?, ?)')
        .run(v.version, v.author, v.time, v.summary, JSON.stringify(v.change ?? null), JSON.stringify(v.document));
    });
    insert.immediate();
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
