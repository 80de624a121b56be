/**
 * Engine counters as TypeScript sees them: per-worker counters summed, per-route status classes and
 * latency histograms. Read on demand (one N-API call), never pushed per request.
 */
import type { NativeListenerStats, NativeStats, NativeWorkerStats } from './addon';

export type ListenerStats = NativeListenerStats;

export type WorkerStats = NativeWorkerStats;

export interface RouteStats {
  id: string;
  /** Finished requests by status class. */
  byClass: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  /** Non-cumulative counts per bucket of `EngineStats.latencyBoundsSeconds`; the last bucket is +Inf. */
  latencyBuckets: number[];
  latencySumSeconds: number;
  count: number;
}

export interface EngineStats extends WorkerStats {
  perWorker: WorkerStats[];
  /** Upper bounds of the latency buckets, in seconds (Prometheus style, without +Inf). */
  latencyBoundsSeconds: number[];
  routes: RouteStats[];
  /** One entry per Thrift listener bound at start (contract §8). */
  thriftListeners: ListenerStats[];
  /** Pseudonymization outcomes per policy/direction/outcome (counts only). */
  pseudo: Array<{ policy: string; direction: 'forward' | 'reverse'; outcome: string; count: number }>;
  /** Re-identification audit records dropped because they were not drained in time. */
  auditDropped: number;
}

const KEYS: Array<keyof WorkerStats> = [
  'activeConnections', 'acceptedConnections', 'requests', 'upstreamErrors', 'upstreamTimeouts',
  'upstreamUnavailable', 'upstreamRetries', 'upstreamConnects', 'poolIdle', 'poolActive', 'enobufs',
  'badRequests', 'unmatched',
];

/** Sums the native per-worker counters into one EngineStats. */
export function summarizeStats(raw: NativeStats): EngineStats {
  const total = Object.fromEntries(KEYS.map((k) => [k, 0])) as unknown as WorkerStats;
  for (const w of raw.workers) {
    for (const k of KEYS) total[k] += w[k];
  }
  return {
    ...total,
    perWorker: raw.workers,
    latencyBoundsSeconds: raw.latencyBoundsUs.map((us) => us / 1e6),
    routes: raw.routes.map((r) => ({
      id: r.id,
      byClass: { '1xx': r.byClass[0], '2xx': r.byClass[1], '3xx': r.byClass[2], '4xx': r.byClass[3], '5xx': r.byClass[4] },
      latencyBuckets: r.latency,
      latencySumSeconds: r.latencySumUs / 1e6,
      count: r.latency.reduce((a, b) => a + b, 0),
    })),
    thriftListeners: raw.thriftListeners ?? [],
    pseudo: raw.pseudo ?? [],
    auditDropped: raw.auditDropped ?? 0,
  };
}
