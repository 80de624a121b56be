/**
 * Routes from IDL annotations (contract §3): each `api.get|post|put|delete|patch|head = "/path"` on a function
 * of a service listed in config `services:` becomes one route to that service's upstream.
 */
import type { FunctionDef, Schema } from '../idl/model';
import type { ServiceConfig, SluiceConfig } from '../config/types';
import { bindRequest } from './bindings';
import { routeLabel, type CompiledRoute } from './compiled-route';
import { checkFunctionTypes } from './function-checks';
import { parsePathTemplate } from './path-template';
import { problem, RouteCodes, RouteWarnings, type RouteProblem } from './problems';
import { serviceFunctions } from './schema-walk';
import type { HttpMethod } from './types';

const routeKeys: Record<string, HttpMethod> = {
  'api.get': 'GET', 'api.post': 'POST', 'api.put': 'PUT', 'api.delete': 'DELETE', 'api.patch': 'PATCH', 'api.head': 'HEAD',
};
/** CloudWeGo route keys other tools know that Sluice doesn't serve: warned about, never silently dropped. */
const unservedKeys = new Set(['api.options', 'api.connect', 'api.trace', 'api.any']);

/** Annotated routes of every listed service; `checked` collects functions whose types were already checked. */
export function annotatedRoutes(schema: Schema, config: SluiceConfig, problems: RouteProblem[], checked: Set<FunctionDef>): CompiledRoute[] {
  const out: CompiledRoute[] = [];
  for (const svc of config.services) {
    const fns = serviceFunctions(schema, svc.service);
    if (!fns) {
      problems.push(unknownService(schema, svc));
      continue;
    }
    if (!(svc.upstream in config.upstreams)) {
      problems.push(problem(RouteCodes.unknownUpstream,
        `Service ${svc.service} names upstream '${svc.upstream}', which upstreams does not define (defined: ${Object.keys(config.upstreams).join(', ') || 'none'}).`,
        svc.upstreamLoc ?? svc.loc));
      continue;
    }
    for (const fn of fns) out.push(...functionRoutes(schema, svc, fn, problems, checked));
  }
  return out;
}

function functionRoutes(schema: Schema, svc: ServiceConfig, fn: FunctionDef, problems: RouteProblem[], checked: Set<FunctionDef>): CompiledRoute[] {
  const out: CompiledRoute[] = [];
  for (const a of fn.annotations) {
    const method = routeKeys[a.name];
    if (!method) {
      const lower = a.name.toLowerCase();
      if (unservedKeys.has(lower) || (lower !== a.name && lower in routeKeys)) {
        problems.push(problem(RouteWarnings.unroutedAnnotation,
          `${a.name} on ${svc.service}.${fn.name} is not served by Sluice (route annotations are lower-case api.get|post|put|delete|patch|head).`, a.loc));
      }
      continue;
    }
    const template = parsePathTemplate(a.value);
    if (typeof template === 'string') {
      problems.push(problem(RouteCodes.badPath, template, a.loc));
      continue;
    }
    const label = routeLabel([method], a.value);
    if (!checked.has(fn)) {
      checked.add(fn);
      problems.push(...checkFunctionTypes(schema, fn, a.loc, label));
    }
    const { requestShape, bindings } = bindRequest({
      schema, fn, methods: [method], template, routeLoc: a.loc, routeLabel: label, overrides: {}, problems,
    });
    out.push({
      template,
      route: {
        id: `${svc.service}.${fn.name}:${method}:${a.value}`,
        methods: [method],
        path: a.value,
        target: {
          kind: 'thrift', service: svc.service, function: fn.name, upstream: svc.upstream,
          multiplexedName: svc.multiplexedName, requestShape, bindings,
        },
        source: { kind: 'annotation', loc: a.loc },
      },
    });
  }
  return out;
}

/** "Service X is not defined" with the services the IDL does define. */
export function unknownService(schema: Schema, svc: { service: string; loc: ServiceConfig['loc'] }): RouteProblem {
  const known = [...schema.definitions.values()].filter((d) => d.kind === 'service').map((d) => d.qname);
  return problem(RouteCodes.unknownService,
    `Service '${svc.service}' is not defined in the loaded IDL (services: ${known.join(', ') || 'none'}).`, svc.loc);
}
