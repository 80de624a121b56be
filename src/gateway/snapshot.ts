/**
 * Compiled routes → the native engine's snapshot: one transcoding plan per Thrift route (compiled here, at
 * config time, never per request) and the upstream definitions.
 */
import type { SluiceConfig } from '../config/types';
import type { Schema } from '../idl/model';
import type { RouteTable } from '../routes/types';
import type { EngineSnapshot, SnapshotPseudo, SnapshotRoute, ThriftListenerSnapshot } from '../native/snapshot';
import { allFunctions } from '../idl/queries';
import { compilePlan, type PlanPseudo } from '../plan';
import { policySetFromConfig } from '../pseudo/from-config';
import { toNativePolicySpec } from '../pseudo/native-spec';

/** Proxy routes have no upstream section of their own; these are their timeouts (contract §2 upstream defaults). */
const PROXY_DEFAULTS = { connectTimeoutMs: 1000, timeoutMs: 3000, maxConnections: 64 } as const;

/**
 * Compiles the §7 section once per version: the policies with their subkeys (for the engine; never logged), what
 * the plan compiler needs to place them, and the digests of the tokens that carry the reidentify scope (the same
 * registry as admin.tokens). Throws SLUICE_E_PSEUDO_* (key-free messages) when the section or keyring is unusable.
 */
export function compilePseudo(config: SluiceConfig, env: NodeJS.ProcessEnv = process.env): { plan: PlanPseudo; snapshot: SnapshotPseudo } | undefined {
  const section = config.pseudonymization;
  if (!section) return undefined;
  const set = policySetFromConfig(section, { env });
  const policies = set.names().map((n) => set.get(n)!);
  return {
    plan: { policies: new Map(policies.map((p) => [p.name, { method: p.method, reversible: p.reversible }])), rules: section.rules },
    snapshot: {
      policies: policies.map(toNativePolicySpec),
      reidentify: config.admin.tokens.filter((t) => t.scopes.includes(section.reidentifyScope)).map((t) => ({ name: t.name, sha256: t.sha256 })),
    },
  };
}

/** Builds snapshot `version` for a compiled config. Throws SLUICE_E_PLAN_* / SLUICE_E_PSEUDO_* if it cannot be compiled. */
export function buildSnapshot(version: number, config: SluiceConfig, schema: Schema | undefined, table: RouteTable,
  env: NodeJS.ProcessEnv = process.env): EngineSnapshot {
  const pseudo = compilePseudo(config, env);
  const routes: SnapshotRoute[] = table.routes.map((r) => {
    const methods = r.methods === '*' ? '*' : [...r.methods];
    if (r.target.kind === 'proxy') {
      return { id: r.id, methods, path: r.path, target: { kind: 'proxy', endpoints: [...r.target.endpoints],
        ...(r.target.stripPrefix ? { stripPrefix: r.target.stripPrefix } : {}), ...PROXY_DEFAULTS } };
    }
    const up = config.upstreams[r.target.upstream]!;
    const plan = compilePlan(schema!, r.target, { protocol: up.protocol, transport: up.transport,
      i64: config.json.i64, enums: config.json.enums, unknownFields: config.json.unknownFields, pseudo: pseudo?.plan });
    return { id: r.id, methods, path: r.path, target: { kind: 'thrift', upstream: r.target.upstream, plan } };
  });
  return {
    version,
    routes,
    thriftUpstreams: Object.values(config.upstreams).map((u) => ({
      name: u.name, endpoints: u.endpoints.map((e) => e.text), transport: u.transport, protocol: u.protocol,
      connectTimeoutMs: u.connectTimeoutMs, timeoutMs: u.timeoutMs, maxConnections: u.maxConnections,
    })),
    thriftListeners: buildListeners(config, schema, pseudo?.plan),
    ...(pseudo ? { pseudo: pseudo.snapshot } : {}),
  };
}

/**
 * §8 listeners: per service, the names a multiplexed client may use and every callable function (oneway from the
 * IDL); with a pseudonymization section, each function's plan (its args and result structs with their policy
 * positions, §7), which the engine drops again when the function has none.
 */
function buildListeners(config: SluiceConfig, schema: Schema | undefined, pseudo: PlanPseudo | undefined): ThriftListenerSnapshot[] {
  return config.thriftListeners.map((l) => ({
    listen: l.listen.text, transport: l.transport, protocol: l.protocol, upstream: l.upstream,
    services: l.services.map((qname) => {
      const entry = config.services.find((s) => s.service === qname);
      const bare = qname.slice(qname.indexOf('.') + 1);
      const muxNames = [...new Set([bare, qname, ...(entry?.multiplexedName ? [entry.multiplexedName] : [])])];
      const seen = new Set<string>();
      const up = config.upstreams[l.upstream];
      const functions = (schema ? allFunctions(schema, qname) : []).reverse()
        .filter((f) => !seen.has(f.name) && (seen.add(f.name), true)).map((f) => ({
          name: f.name, oneway: f.oneway,
          ...(pseudo && schema && up ? { plan: compilePlan(schema, { kind: 'thrift', service: qname, function: f.name, upstream: l.upstream,
            multiplexedName: undefined, requestShape: 'args', bindings: [] }, { protocol: up.protocol, transport: up.transport, pseudo }) } : {}),
        }));
      return { service: qname, muxNames, ...(entry?.multiplexedName ? { upstreamMuxName: entry.multiplexedName } : {}), functions };
    }),
  }));
}
