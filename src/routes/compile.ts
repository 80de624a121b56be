/**
 * `compileRoutes`: annotated routes of the services in config `services:` plus explicit routes, into one
 * immutable RouteTable. Never throws for user mistakes: every problem is returned with its location.
 */
import type { FunctionDef, Schema } from '../idl/model';
import type { RouteConfig, SluiceConfig } from '../config/types';
import { annotatedRoutes, unknownService } from './annotated';
import type { CompiledRoute } from './compiled-route';
import { applyReplacements, findConflicts } from './conflicts';
import { explicitRoute } from './explicit';
import { problem, RouteCodes, type RouteProblem } from './problems';
import { checkPseudo } from './pseudo-check';
import { serviceFunctions } from './schema-walk';
import type { RouteTable } from './types';

export interface CompileRoutesOptions {
  /** Explicit routes to use instead of `config.routes` (the admin API's live set). */
  readonly routes?: ReadonlyArray<RouteConfig>;
}

export interface CompileRoutesResult {
  /** Routes that compiled (a route with a problem is left out), sorted by path then method. */
  readonly table: RouteTable;
  readonly problems: RouteProblem[];
}

/** Compiles the route table for `config` against `schema`. */
export function compileRoutes(schema: Schema, config: SluiceConfig, opts: CompileRoutesOptions = {}): CompileRoutesResult {
  const problems: RouteProblem[] = [];
  const checked = new Set<FunctionDef>();
  const annotated = annotatedRoutes(schema, config, problems, checked);
  const explicit: CompiledRoute[] = [];
  for (const r of opts.routes ?? config.routes) {
    const c = explicitRoute(schema, config, r, problems, checked);
    if (c) explicit.push(c);
  }
  const kept = findConflicts([...applyReplacements(annotated, explicit), ...explicit], problems);
  problems.push(...checkListeners(schema, config), ...checkPseudo(schema, config));
  const routes = kept.map((c) => c.route).sort((a, b) =>
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || methodKey(a).localeCompare(methodKey(b)));
  return { table: Object.freeze({ routes: Object.freeze(routes) }), problems };
}

const methodOrder = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Sort key putting GET before POST … and "*" last, for a readable table. */
function methodKey(r: { methods: ReadonlyArray<string> | '*' }): string {
  return r.methods === '*' ? '~' : r.methods.map((m) => String.fromCharCode(97 + methodOrder.indexOf(m))).join('');
}

/** §8 listeners must name a service of the IDL and a defined upstream. */
function checkListeners(schema: Schema, config: SluiceConfig): RouteProblem[] {
  const out: RouteProblem[] = [];
  for (const l of config.thriftListeners) {
    for (const service of l.services) {
      if (!serviceFunctions(schema, service)) out.push({ ...unknownService(schema, { service, loc: l.loc }), code: RouteCodes.unknownListenerService });
    }
    if (!(l.upstream in config.upstreams)) {
      out.push(problem(RouteCodes.unknownListenerUpstream, `Thrift listener ${l.listen.text} names upstream '${l.upstream}', which upstreams does not define.`, l.loc));
    }
  }
  return out;
}
