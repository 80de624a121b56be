/**
 * Versioned configuration: every accepted admin change is one numbered, immutable version holding the whole
 * editable document, so any version can be exported, diffed and rolled back to on its own.
 */

/** The part of the configuration the admin API edits; listen addresses, admin and store settings stay in the file. */
export interface ConfigDocument {
  /** IDL file contents by path relative to the IDL root (`people.thrift`, `common/types.thrift`). */
  readonly idl_files: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly upstreams?: Readonly<Record<string, unknown>>;
  readonly services?: ReadonlyArray<unknown>;
  readonly routes?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly thrift_listeners?: ReadonlyArray<unknown>;
  readonly pseudonymization?: Readonly<Record<string, unknown>>;
}

export interface VersionSummary {
  readonly version: number;
  /** Token name of whoever made the change (`file` for the seed version). */
  readonly author: string;
  /** ISO-8601. */
  readonly time: string;
  readonly summary: string;
}

export interface ConfigVersion extends VersionSummary {
  /** What the request asked for (route put, idl delete, rollback, ...), for the audit trail and diffs. */
  readonly change: unknown;
  readonly document: ConfigDocument;
}

/** Durable history of config versions. Implementations: SqliteVersionStore, EtcdVersionStore. */
export interface VersionStore {
  latest(): Promise<ConfigVersion | undefined>;
  get(version: number): Promise<ConfigVersion | undefined>;
  list(): Promise<VersionSummary[]>;
  /**
   * Appends `v`, which must be exactly one past the latest version. Rejects with SLUICE_E_STORE_CONFLICT when
   * another writer got there first (compare-and-swap on the version number).
   */
  append(v: ConfigVersion): Promise<void>;
  /** Calls `onVersion` for versions appended by anyone (other instances included) after the call. */
  watch(onVersion: (v: ConfigVersion) => void): () => void;
  close(): Promise<void>;
}
