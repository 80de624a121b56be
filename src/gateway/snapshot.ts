/**
 * Compiled routes → the native engine's snapshot: one transcoding plan per Thrift route (compiled here, at
 * config time, never per request) and the upstream definitions.
 */
import type { SluiceConfig } from '../config/types';
import type { Schema } from '../idl/model';
import type { RouteTable } from '../routes/types';
import type { EngineSnapshot, SnapshotRoute } from '../native/snapshot';
import { compilePlan } from '../plan';

/** Proxy routes have no upstream section of their own; these are their timeouts (contract §2 upstream defaults). */
const PROXY_DEFAULTS = { connectTimeoutMs: 1000, timeoutMs: 3000, maxConnections: 64 } as const;

/** Builds snapshot `version` for a compiled config. Throws SLUICE_E_PLAN_* if a plan cannot be compiled. */
export function buildSnapshot(version: number, config: SluiceConfig, schema: Schema | undefined, table: RouteTable): EngineSnapshot {
  const routes: SnapshotRoute[] = table.routes.map((r) => {
    const methods = r.methods === '*' ? '*' : [...r.methods];
    if (r.target.kind === 'proxy') {
      return { id: r.id, methods, path: r.path, target: { kind: 'proxy', endpoints: [...r.target.endpoints],
        ...(r.target.stripPrefix ? { stripPrefix: r.target.stripPrefix } : {}), ...PROXY_DEFAULTS } };
    }
    const up = config.upstreams[r.target.upstream]!;
    const plan = compilePlan(schema!, r.target, { protocol: up.protocol, transport: up.transport,
      i64: config.json.i64, enums: config.json.enums, unknownFields: config.json.unknownFields });
    return { id: r.id, methods, path: r.path, target: { kind: 'thrift', upstream: r.target.upstream, plan } };
  });
  return {
    version,
    routes,
    thriftUpstreams: Object.values(config.upstreams).map((u) => ({
      name: u.name, endpoints: u.endpoints.map((e) => e.text), transport: u.transport, protocol: u.protocol,
      connectTimeoutMs: u.connectTimeoutMs, timeoutMs: u.timeoutMs, maxConnections: u.maxConnections,
    })),
  };
}
