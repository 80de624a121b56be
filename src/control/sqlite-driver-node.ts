/** SqliteConnection over Node's built-in `node:sqlite` (Node 22.13+, 23.4+, 24). */
import type { SqliteConnection, SqlValue } from './sqlite-driver';

// The slice of `node:sqlite` used here, typed locally: @types/node 20 (the oldest supported Node) has no types for it.
interface StatementSync {
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
  run(...params: SqlValue[]): unknown;
}
interface DatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): StatementSync;
  close(): void;
}
interface NodeSqliteModule { DatabaseSync: new (file: string) => DatabaseSync }

let loaded: NodeSqliteModule | null | undefined;

/**
 * The `node:sqlite` module, or undefined when this Node lacks it or hides it behind --experimental-sqlite.
 * Node 22 emits "ExperimentalWarning: SQLite is an experimental feature" on load; that one warning is dropped
 * (the store's SQL is plain and tested on every supported Node), every other warning passes through.
 */
export function loadNodeSqlite(): NodeSqliteModule | undefined {
  if (loaded === undefined) {
    const emitWarning = process.emitWarning;
    process.emitWarning = function filtered(this: unknown, warning: string | Error, ...rest: unknown[]) {
      const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
      const text = typeof warning === 'string' ? warning : warning.message;
      if (type === 'ExperimentalWarning' && text.startsWith('SQLite is an experimental feature')) return;
      return (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
    } as typeof process.emitWarning;
    try {
      loaded = require('node:sqlite') as NodeSqliteModule;
    } catch {
      loaded = null; // ERR_UNKNOWN_BUILTIN_MODULE: Node 20, or Node 22 before 22.13 without the flag.
    } finally {
      process.emitWarning = emitWarning;
    }
  }
  return loaded ?? undefined;
}

/** Opens `file` with `node:sqlite`; throws when this Node does not have it. */
export function openNodeSqlite(file: string): SqliteConnection {
  const mod = loadNodeSqlite();
  if (!mod) throw new Error(`node:sqlite is not available on Node ${process.version} without --experimental-sqlite`);
  const db = new mod.DatabaseSync(file);
  // Prepared once per SQL text and kept until close(), which finalizes them.
  const statements = new Map<string, StatementSync>();
  const statement = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    driver: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    get: <T>(sql: string, ...params: SqlValue[]) => statement(sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: SqlValue[]) => statement(sql).all(...params) as T[],
    run: (sql, ...params) => { statement(sql).run(...params); },
    close: () => { statements.clear(); db.close(); },
  };
}
