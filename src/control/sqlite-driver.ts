/**
 * The few SQLite operations the version store needs, over whichever driver the running Node supports:
 * the built-in `node:sqlite` where it is available without a flag (Node 22.13+, 23.4+, 24), better-sqlite3 on
 * Node 20. better-sqlite3 12 aborts the process on Node 24 when a statement is garbage-collected, so it is only
 * loaded when `node:sqlite` is not there.
 */
import { openBetterSqlite } from './sqlite-driver-better';
import { loadNodeSqlite, openNodeSqlite } from './sqlite-driver-node';

export type SqlValue = string | number | null;
export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

/** One open database file. Every call is synchronous and runs on the calling thread. */
export interface SqliteConnection {
  readonly driver: SqliteDriverName;
  /** Runs one or more statements that return no rows. */
  exec(sql: string): void;
  /** First row of `sql`, or undefined when there is none. */
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  /** Every row of `sql`. */
  all<T>(sql: string, ...params: SqlValue[]): T[];
  /** Runs one statement that changes rows. */
  run(sql: string, ...params: SqlValue[]): void;
  close(): void;
}

/** The driver `openSqlite` uses in this process: `node:sqlite` when Node has it unflagged, else better-sqlite3. */
export function defaultSqliteDriver(): SqliteDriverName {
  return loadNodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

/** Opens (creating if needed) the database at `file` with `driver` (default: `defaultSqliteDriver()`). */
export function openSqlite(file: string, driver: SqliteDriverName = defaultSqliteDriver()): SqliteConnection {
  return driver === 'node:sqlite' ? openNodeSqlite(file) : openBetterSqlite(file);
}

/**
 * Opens `file` for crash-safe appends: WAL with synchronous=FULL (a committed transaction is on disk before
 * COMMIT returns) and a 5 s busy timeout so a second process reading or writing waits instead of failing.
 */
export function openDurableSqlite(file: string, driver?: SqliteDriverName): SqliteConnection {
  const db = openSqlite(file, driver);
  try {
    // busy_timeout first: switching to WAL needs a lock another process may briefly hold.
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Runs `body` in one BEGIN IMMEDIATE transaction: committed whole when it returns, rolled back when it (or the
 * COMMIT) throws. The write lock is taken at BEGIN, so a concurrent writer waits there (busy timeout) instead of
 * failing at its first write.
 */
export function immediateTransaction<T>(db: SqliteConnection, body: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back by itself (it does on SQLITE_FULL, SQLITE_IOERR, ...); the first error is the one to report.
    }
    throw err;
  }
}
