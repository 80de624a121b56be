/**
 * The public face of the native data plane: start it, publish configuration snapshots, read its
 * counters, drain it. Everything on the hot path stays in C++ worker threads (no per-request JS).
 */
import { createError } from '../errors';
import { loadAddon, type NativeAuditRecord, type NativeEngineHandle } from './addon';

/** One re-identification: the bearer token's configured name, route id, policy and how many values were restored. */
export type AuditRecord = NativeAuditRecord;
import { encodeSnapshot, type EngineSnapshot } from './snapshot';
import { summarizeStats, type EngineStats } from './stats';

export type { EngineSnapshot, SnapshotRoute, ProxyTarget, ThriftTarget, ThriftUpstreamSnapshot } from './snapshot';
export type { EngineStats, RouteStats, WorkerStats } from './stats';
export { encodeSnapshot } from './snapshot';

const BadListen = createError('SLUICE_E_NATIVE_BAD_LISTEN');

/** Contract §2 `limits`, in camelCase. Missing keys take the contract defaults. */
export interface EngineLimits {
  maxHeaderBytes?: number;
  maxBodyBytes?: number;
  headerTimeoutMs?: number;
  idleTimeoutMs?: number;
  sendTimeoutMs?: number;
}

export interface StartEngineOptions {
  /** "host:port" or "[v6]:port"; port 0 picks a free port (see Engine.port). */
  listen: string;
  /** Native worker threads; 'auto' = one per core. */
  workers: number | 'auto';
  ioBackend: 'auto' | 'io_uring' | 'epoll';
  limits: EngineLimits;
  snapshot: EngineSnapshot;
  /** Receives the one startup line (`io_backend=… workers=N …`); default: none. */
  log?: (line: string) => void;
}

export interface Engine {
  readonly backend: 'io_uring' | 'epoll';
  readonly workers: number;
  readonly port: number;
  /** Atomically replaces the configuration in every worker; in-flight requests keep theirs. */
  publish(s: EngineSnapshot): void;
  /** Sums the native counters (one call, no per-request crossings). */
  stats(): EngineStats;
  /** Takes the re-identification audit records written since the last call (one batch, no per-request crossing). */
  drainAudit(): AuditRecord[];
  /** Stops accepting, lets in-flight requests finish for up to graceMs, then stops. */
  drain(graceMs: number): Promise<void>;
  /** drain(0). */
  close(): Promise<void>;
}

const DEFAULT_LIMITS: Required<EngineLimits> = {
  maxHeaderBytes: 65536,
  maxBodyBytes: 4194304,
  headerTimeoutMs: 10000,
  idleTimeoutMs: 60000,
  sendTimeoutMs: 60000,
};

/** Splits "host:port" / "[v6]:port"; throws SLUICE_E_NATIVE_BAD_LISTEN. */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw BadListen(`listen address '${listen}' is not host:port`);
  return { host: m[1] ?? m[2], port };
}

class NativeEngine implements Engine {
  readonly #h: NativeEngineHandle;
  #stopping: Promise<void> | undefined;

  constructor(h: NativeEngineHandle) {
    this.#h = h;
  }
  get backend(): 'io_uring' | 'epoll' {
    return this.#h.backend;
  }
  get workers(): number {
    return this.#h.workers;
  }
  get port(): number {
    return this.#h.port;
  }
  publish(s: EngineSnapshot): void {
    this.#h.publish(encodeSnapshot(s));
  }
  stats(): EngineStats {
    return summarizeStats(this.#h.stats());
  }
  drainAudit(): AuditRecord[] {
    return this.#h.drainAudit();
  }
  drain(graceMs: number): Promise<void> {
    this.#stopping ??= this.#h.drain(Math.max(0, graceMs));
    return this.#stopping;
  }
  close(): Promise<void> {
    return this.drain(0);
  }
}

/** Starts the native data plane and resolves once every worker is accepting. */
export async function startEngine(opts: StartEngineOptions): Promise<Engine> {
  const { host, port } = parseListen(opts.listen);
  const addon = loadAddon();
  const limits = { ...DEFAULT_LIMITS, ...stripUndefined(opts.limits ?? {}) };
  const h = addon.startEngine({
    host,
    port,
    workers: opts.workers === 'auto' ? 0 : opts.workers,
    backend: opts.ioBackend,
    limits,
    snapshot: encodeSnapshot(opts.snapshot),
  });
  const engine = new NativeEngine(h);
  const fallback = h.fallbackReason ? ` fallback_reason="${h.fallbackReason}"` : '';
  opts.log?.(`sluice: data plane up io_backend=${h.backend} workers=${h.workers} listen=${host}:${h.port}${fallback}`);
  return engine;
}

function stripUndefined(o: EngineLimits): EngineLimits {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as EngineLimits;
}
