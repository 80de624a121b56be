/**
 * A small etcd v3 client over etcd's JSON gateway (`/v3/...`, etcd ≥ 3.4): range, compare-and-swap txn and
 * watch. Enough for the version store; keys and values are strings.
 */
import { StoreUnavailableError } from './errors';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => (s === undefined ? '' : Buffer.from(s, 'base64').toString('utf8'));

/** The key just past every key that starts with `prefix` (etcd's range_end for a prefix scan). */
export function prefixEnd(prefix: string): string {
  const bytes = Buffer.from(prefix, 'utf8');
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) { const out = bytes.subarray(0, i + 1); out[i]!++; return out.toString('utf8'); }
  }
  return '\0';
}

export interface EtcdKv { key: string; value: string; modRevision: number }

export class EtcdClient {
  readonly #endpoints: readonly string[];
  #next = 0;

  constructor(endpoints: readonly string[]) {
    if (endpoints.length === 0) throw StoreUnavailableError('store.etcd.endpoints is empty');
    this.#endpoints = endpoints.map((e) => e.replace(/\/+$/, ''));
  }

  async #post(path: string, body: unknown): Promise<any> {
    let lastErr: unknown;
    // Try every endpoint once, starting with the one that worked last.
    for (let i = 0; i < this.#endpoints.length; i++) {
      const ep = this.#endpoints[(this.#next + i) % this.#endpoints.length]!;
      try {
        const res = await fetch(ep + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
          signal: AbortSignal.timeout(5000) });
        const json = await res.json() as any;
        if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status} ${json?.message ?? ''}`);
        this.#next = (this.#next + i) % this.#endpoints.length;
        return json;
      } catch (err) { lastErr = err; }
    }
    throw StoreUnavailableError(`etcd is not reachable at ${this.#endpoints.join(', ')}: ${(lastErr as Error)?.message}`, { cause: lastErr });
  }

  /** Every key under `prefix` (or the one key when `exact`), sorted by key. */
  async range(key: string, opts: { prefix?: boolean } = {}): Promise<{ kvs: EtcdKv[]; revision: number }> {
    const body: Record<string, unknown> = { key: b64(key), sort_order: 'ASCEND', sort_target: 'KEY' };
    if (opts.prefix) body['range_end'] = b64(prefixEnd(key));
    const r = await this.#post('/v3/kv/range', body);
    return { kvs: (r.kvs ?? []).map(toKv), revision: Number(r.header?.revision ?? 0) };
  }

  /** Puts every pair only if none of `mustNotExist` exists and `expect` keys hold their values; true when applied. */
  async putIf(puts: Record<string, string>, cond: { mustNotExist?: string[]; expect?: Record<string, string | undefined> }): Promise<boolean> {
    const compare: unknown[] = [];
    for (const k of cond.mustNotExist ?? []) compare.push({ key: b64(k), target: 'CREATE', result: 'EQUAL', create_revision: '0' });
    for (const [k, v] of Object.entries(cond.expect ?? {})) {
      compare.push(v === undefined
        ? { key: b64(k), target: 'CREATE', result: 'EQUAL', create_revision: '0' }
        : { key: b64(k), target: 'VALUE', result: 'EQUAL', value: b64(v) });
    }
    const success = Object.entries(puts).map(([k, v]) => ({ request_put: { key: b64(k), value: b64(v) } }));
    const r = await this.#post('/v3/kv/txn', { compare, success, failure: [] });
    return r.succeeded === true;
  }

  /**
   * Streams changes of keys under `prefix` from `fromRevision` on; reconnects after errors until stopped.
   * Returns the stop function.
   */
  watchPrefix(prefix: string, fromRevision: number, onPut: (kv: EtcdKv) => void): () => void {
    let stopped = false;
    let controller: AbortController | undefined;
    let revision = fromRevision;
    const loop = async () => {
      while (!stopped) {
        controller = new AbortController();
        const ep = this.#endpoints[this.#next]!;
        try {
          const res = await fetch(ep + '/v3/watch', { method: 'POST', signal: controller.signal, headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ create_request: { key: b64(prefix), range_end: b64(prefixEnd(prefix)), start_revision: String(revision) } }) });
          if (!res.body) throw new Error('etcd watch returned no body');
          let buf = '';
          const decoder = new TextDecoder();
          for await (const chunk of res.body as any as AsyncIterable<Uint8Array>) {
            buf += decoder.decode(chunk, { stream: true });
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, nl).trim();
              buf = buf.slice(nl + 1);
              if (!line) continue;
              const msg = JSON.parse(line);
              for (const ev of msg.result?.events ?? []) {
                if (ev.type === 'DELETE') continue;
                const kv = toKv(ev.kv);
                revision = Math.max(revision, kv.modRevision + 1);
                onPut(kv);
              }
            }
          }
        } catch {
          // Connection lost or aborted: retry after a pause unless stopped.
        }
        if (!stopped) await new Promise((r) => setTimeout(r, 200).unref());
      }
    };
    void loop();
    return () => { stopped = true; controller?.abort(); };
  }
}

function toKv(kv: any): EtcdKv {
  return { key: unb64(kv.key), value: unb64(kv.value), modRevision: Number(kv.mod_revision ?? 0) };
}
