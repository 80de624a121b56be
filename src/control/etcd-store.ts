import type { ConfigVersion, VersionStore, VersionSummary } from './types';
import { EtcdClient } from './etcd-client';
import { StoreConflictError, StoreCorruptError } from './errors';

/**
 * Config history in etcd for fleets: `<prefix>versions/<n, zero-padded>` holds each version as JSON and
 * `<prefix>latest` the newest number. Appends are one compare-and-swap transaction, so two instances can
 * never both write version N; every instance watches the prefix and applies what others write.
 */
export class EtcdVersionStore implements VersionStore {
  readonly #client: EtcdClient;
  readonly #prefix: string;

  constructor(endpoints: readonly string[], prefix = '/sluice/') {
    this.#client = new EtcdClient(endpoints);
    this.#prefix = prefix.endsWith('/') ? prefix : prefix + '/';
  }

  #key(n: number) { return `${this.#prefix}versions/${String(n).padStart(12, '0')}`; }

  async latest(): Promise<ConfigVersion | undefined> {
    const { kvs } = await this.#client.range(this.#prefix + 'latest');
    if (kvs.length === 0) return undefined;
    return this.get(Number(kvs[0]!.value));
  }

  async get(version: number): Promise<ConfigVersion | undefined> {
    const { kvs } = await this.#client.range(this.#key(version));
    return kvs.length === 0 ? undefined : parse(kvs[0]!.value, version);
  }

  async list(): Promise<VersionSummary[]> {
    const { kvs } = await this.#client.range(this.#prefix + 'versions/', { prefix: true });
    return kvs.map((kv) => {
      const v = parse(kv.value, Number(kv.key.slice(kv.key.lastIndexOf('/') + 1)));
      return { version: v.version, author: v.author, time: v.time, summary: v.summary };
    });
  }

  async append(v: ConfigVersion): Promise<void> {
    const prev = v.version === 1 ? undefined : String(v.version - 1);
    const ok = await this.#client.putIf(
      { [this.#key(v.version)]: JSON.stringify(v), [this.#prefix + 'latest']: String(v.version) },
      { mustNotExist: [this.#key(v.version)], expect: { [this.#prefix + 'latest']: prev } });
    if (!ok) throw StoreConflictError(`version ${v.version} was written by another instance first`);
  }

  watch(onVersion: (v: ConfigVersion) => void): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    void this.#client.range(this.#prefix + 'latest').then(({ revision }) => {
      if (stopped) return;
      stop = this.#client.watchPrefix(this.#prefix + 'versions/', revision + 1, (kv) => {
        try { onVersion(parse(kv.value, -1)); } catch { /* a corrupt entry is reported by get/list */ }
      });
    }).catch(() => { /* store unreachable: the next apply reports it */ });
    return () => { stopped = true; stop?.(); };
  }

  async close(): Promise<void> {}
}

function parse(text: string, n: number): ConfigVersion {
  try { return JSON.parse(text) as ConfigVersion; } catch (err) {
    throw StoreCorruptError(`config version ${n} in etcd is not valid JSON`, { cause: err });
  }
}
