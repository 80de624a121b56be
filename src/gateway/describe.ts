/** The live route table as the admin API shows it: contract §3 route objects plus `source`. */
import * as path from 'node:path';
import type { Route } from '../routes/types';
import type { CompiledGateway } from './compiler';

/** `file:line` relative to `base` when inside it, else absolute. */
function where(loc: { file: string; line: number } | undefined, base: string): string | undefined {
  if (!loc) return undefined;
  const rel = path.relative(base, loc.file);
  return `${rel.startsWith('..') ? loc.file : rel}:${loc.line}`;
}

/** One route as a §3 route object with `source` (`people.thrift:12`, `sluice.yaml:30` or `admin`). */
export function describeRoute(route: Route, compiled: CompiledGateway): Record<string, unknown> {
  const base = compiled.config.baseDir;
  const loc = route.source.loc ?? (route.source.kind === 'config' ? compiled.fileRouteLocs.get(route.id) : undefined);
  const source = compiled.adminRouteIds.has(route.id) ? 'admin' : where(loc, base) ?? route.source.kind;
  const out: Record<string, unknown> = {
    id: route.id,
    method: route.methods === '*' ? '*' : route.methods.length === 1 ? route.methods[0] : [...route.methods],
    path: route.path,
  };
  const t = route.target;
  if (t.kind === 'proxy') {
    out['proxy'] = { upstream_http: [...t.endpoints] };
    if (t.stripPrefix) out['strip_prefix'] = t.stripPrefix;
  } else {
    out['service'] = t.service;
    out['function'] = t.function;
    out['upstream'] = t.upstream;
    const bind: Record<string, unknown> = {};
    for (const b of t.bindings) {
      const srcs = b.sources.map((s) => ('name' in s ? { from: s.from, name: s.name } : { from: s.from }));
      bind[b.fieldName] = srcs.length === 1 ? srcs[0] : srcs;
    }
    out['bind'] = bind;
  }
  out['source'] = source;
  return out;
}

/** Every live route, in table order. */
export function describeRoutes(compiled: CompiledGateway): Array<Record<string, unknown>> {
  return compiled.table.routes.map((r) => describeRoute(r, compiled));
}
