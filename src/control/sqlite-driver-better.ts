/** SqliteConnection over the better-sqlite3 package, for Node versions without an unflagged `node:sqlite` (Node 20). */
import type BetterSqlite from 'better-sqlite3';
import type { SqliteConnection, SqlValue } from './sqlite-driver';

/** Opens `file` with better-sqlite3, loading the package only now so Node 22/24 never load its native module. */
export function openBetterSqlite(file: string): SqliteConnection {
  const Database = require('better-sqlite3') as typeof BetterSqlite;
  const db = new Database(file);
  // Prepared once per SQL text and kept until close(), which finalizes them.
  const statements = new Map<string, BetterSqlite.Statement<SqlValue[]>>();
  const statement = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare<SqlValue[]>(sql)));
    return s;
  };
  return {
    driver: 'better-sqlite3',
    exec: (sql) => { db.exec(sql); },
    get: <T>(sql: string, ...params: SqlValue[]) => statement(sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: SqlValue[]) => statement(sql).all(...params) as T[],
    run: (sql, ...params) => { statement(sql).run(...params); },
    close: () => { statements.clear(); db.close(); },
  };
}
