/**
 * Loads the compiled native addon (native/build/Release/sluice_native.node) once. Works from the
 * TypeScript sources (tsx) and from dist/; SLUICE_NATIVE_ADDON overrides the path (sanitizer builds).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createError } from '../errors';

const AddonMissing = createError('SLUICE_E_NATIVE_ADDON_MISSING');

/** What the C++ side exports for the engine (native/binding/engine_binding.cc). */
export interface NativeEngineHandle {
  readonly backend: 'io_uring' | 'epoll';
  readonly fallbackReason: string;
  readonly port: number;
  readonly workers: number;
  publish(snapshot: Uint8Array): void;
  stats(): NativeStats;
  drain(graceMs: number): Promise<void>;
  /** Re-identification audit records since the last call (contract §7; never values or tokens). */
  drainAudit(): NativeAuditRecord[];
}

export interface NativeAuditRecord {
  caller: string;
  route: string;
  policy: string;
  count: number;
}

export interface NativeWorkerStats {
  activeConnections: number;
  acceptedConnections: number;
  requests: number;
  upstreamErrors: number;
  upstreamTimeouts: number;
  upstreamUnavailable: number;
  upstreamRetries: number;
  upstreamConnects: number;
  poolIdle: number;
  poolActive: number;
  enobufs: number;
  badRequests: number;
  unmatched: number;
}

/** Counters of one Thrift listener (contract §8), summed over workers. */
export interface NativeListenerStats {
  listen: string;
  /** The bound port (differs from `listen` only when it asked for port 0). */
  port: number;
  accepted: number;
  active: number;
  calls: number;
  oneway: number;
  replies: number;
  translated: number;
  unknownMethods: number;
  appErrors: number;
  upstreamErrors: number;
  upstreamTimeouts: number;
  protocolErrors: number;
}

export interface NativeStats {
  workers: NativeWorkerStats[];
  latencyBoundsUs: number[];
  routes: Array<{ id: string; byClass: number[]; latency: number[]; latencySumUs: number }>;
  thriftListeners: NativeListenerStats[];
  /** Pseudonymization outcomes per policy, non-zero rows only. */
  pseudo: Array<{ policy: string; direction: 'forward' | 'reverse'; outcome: string; count: number }>;
  /** Audit records dropped because the control plane fell behind. */
  auditDropped: number;
}

export interface NativeAddon {
  abiVersion: number;
  startEngine(opts: {
    host: string;
    port: number;
    workers: number;
    backend: string;
    limits: Record<string, number>;
    snapshot: Uint8Array;
  }): NativeEngineHandle;
  [other: string]: unknown;
}

let cached: NativeAddon | undefined;

/** Returns the loaded addon, or throws SLUICE_E_NATIVE_ADDON_MISSING naming the build command. */
export function loadAddon(): NativeAddon {
  if (cached) return cached;
  const candidates = [
    process.env.SLUICE_NATIVE_ADDON,
    resolve(__dirname, '../../native/build/Release/sluice_native.node'),
    resolve(__dirname, '../../../native/build/Release/sluice_native.node'),
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw AddonMissing(`native addon not built (looked in ${candidates.join(', ')}); run: npm run build:native`);
  }
  cached = createRequire(__filename)(found) as NativeAddon;
  return cached;
}
