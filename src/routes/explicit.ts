/** Explicit routes (config `routes:` and the admin API, contract §3): Thrift targets with `bind:` overrides, or HTTP proxies. */
import type { FunctionDef, Schema } from '../idl/model';
import type { RouteConfig, SluiceConfig } from '../config/types';
import { unknownService } from './annotated';
import { bindRequest } from './bindings';
import { routeLabel, type CompiledRoute } from './compiled-route';
import { checkFunctionTypes } from './function-checks';
import { parsePathTemplate } from './path-template';
import { problem, RouteCodes, type RouteProblem } from './problems';
import { serviceFunctions } from './schema-walk';

/** Compiles one explicit route, or reports why it can't be served and returns undefined. */
export function explicitRoute(schema: Schema, config: SluiceConfig, r: RouteConfig, problems: RouteProblem[], checked: Set<FunctionDef>): CompiledRoute | undefined {
  const template = parsePathTemplate(r.path);
  if (typeof template === 'string') {
    problems.push(problem(RouteCodes.badPath, template, r.loc));
    return undefined;
  }
  const source = { kind: r.origin, loc: r.loc } as const;
  if (r.proxy) {
    return {
      template,
      route: {
        id: r.id, methods: r.methods, path: r.path, source,
        target: { kind: 'proxy', endpoints: r.proxy.upstreamHttp.map((a) => a.text), stripPrefix: r.stripPrefix },
      },
    };
  }
  const service = r.service as string;
  const entry = config.services.find((s) => s.service === service);
  const fns = serviceFunctions(schema, service);
  if (!fns) {
    problems.push(unknownService(schema, { service, loc: r.loc }));
    return undefined;
  }
  const upstream = r.upstream ?? entry?.upstream;
  if (upstream === undefined) {
    problems.push(problem(RouteCodes.unknownUpstream,
      `Route '${r.id}' targets ${service}, which is not listed in services: list it there or give the route an 'upstream'.`, r.loc));
    return undefined;
  }
  if (!(upstream in config.upstreams)) {
    problems.push(problem(RouteCodes.unknownUpstream,
      `Route '${r.id}' uses upstream '${upstream}', which upstreams does not define (defined: ${Object.keys(config.upstreams).join(', ') || 'none'}).`, r.loc));
    return undefined;
  }
  const fn = fns.find((f) => f.name === r.function);
  if (!fn) {
    problems.push(problem(RouteCodes.unknownFunction,
      `Route '${r.id}' calls ${service}.${r.function ?? ''}, which the IDL does not define (functions: ${fns.map((f) => f.name).join(', ') || 'none'}).`, r.loc));
    return undefined;
  }
  const label = routeLabel(r.methods, r.path);
  if (!checked.has(fn)) {
    checked.add(fn);
    problems.push(...checkFunctionTypes(schema, fn, r.loc, label));
  }
  const { requestShape, bindings } = bindRequest({
    schema, fn, methods: r.methods, template, routeLoc: r.loc, routeLabel: label, overrides: r.bind, problems,
  });
  return {
    template,
    route: {
      id: r.id, methods: r.methods, path: r.path, source,
      target: {
        kind: 'thrift', service, function: fn.name, upstream,
        multiplexedName: entry?.multiplexedName, requestShape, bindings,
      },
    },
  };
}
