/** §3 explicit routes (`routes:`): shape, methods, path syntax and bind overrides. IDL references are checked by the route compiler. */
import { Checker } from './checker';
import { noLocator } from './locate';
import type { ConfigProblem } from './problems';
import { parseAddress } from './address';
import { ConfigCodes } from './problems';
import { qualifiedService } from './validate-upstreams';
import { parsePathTemplate } from '../routes/path-template';
import type { HttpMethod } from '../routes/types';
import type { Address, BindConfig, RouteConfig } from './types';

export const httpMethods: ReadonlyArray<HttpMethod> = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const bindSources = ['path', 'query', 'header', 'cookie', 'body', 'raw_body', 'raw_uri'] as const;
const routeKeys = ['id', 'method', 'path', 'service', 'function', 'upstream', 'bind', 'proxy', 'strip_prefix'];

type P = ReadonlyArray<string | number>;

/** Validates the `routes:` list; `origin` tags each route's source. */
export function validateRoutes(c: Checker, value: unknown, origin: 'config' | 'admin'): RouteConfig[] | undefined {
  if (value === undefined || value === null) return [];
  const list = c.array(['routes'], value);
  if (!list) return undefined;
  const out: RouteConfig[] = [];
  list.forEach((raw, i) => {
    const r = validateRoute(c, ['routes', i], raw, origin);
    if (!r) return;
    if (out.some((x) => x.id === r.id)) {
      c.report(['routes', i, 'id'], ConfigCodes.duplicate, `Route id '${r.id}' is used twice in routes.`);
      return;
    }
    out.push(r);
  });
  return out;
}

/** Validates one explicit route object at `p` (also used for admin `PUT /v1/routes/:id` bodies). */
export function validateRoute(c: Checker, p: P, raw: unknown, origin: 'config' | 'admin'): RouteConfig | undefined {
  const before = c.problems.length;
  const r = c.object(p, raw, origin === 'admin' ? [...routeKeys, 'source'] : routeKeys);
  if (!r) return undefined;
  const id = r.id === undefined ? c.missing(p, 'id') : c.string([...p, 'id'], r.id);
  const methods = r.method === undefined ? c.missing(p, 'method') : validateMethods(c, [...p, 'method'], r.method);
  let path = r.path === undefined ? c.missing(p, 'path') : c.string([...p, 'path'], r.path);
  if (path !== undefined) {
    const t = parsePathTemplate(path);
    if (typeof t === 'string') {
      c.report([...p, 'path'], ConfigCodes.badValue, t);
      path = undefined;
    }
  }
  const isProxy = r.proxy !== undefined;
  let service: string | undefined;
  let fn: string | undefined;
  let proxy: RouteConfig['proxy'];
  if (isProxy) {
    for (const k of ['service', 'function', 'upstream', 'bind']) {
      if (r[k] !== undefined) c.report([...p, k], ConfigCodes.badValue, `A proxy route takes no '${k}'.`, { key: true });
    }
    const o = c.object([...p, 'proxy'], r.proxy, ['upstream_http']);
    if (o) {
      const endpoints: Address[] = [];
      const list = o.upstream_http === undefined ? c.missing([...p, 'proxy'], 'upstream_http') : c.array([...p, 'proxy', 'upstream_http'], o.upstream_http);
      list?.forEach((e, i) => {
        const ep: P = [...p, 'proxy', 'upstream_http', i];
        const text = c.string(ep, e);
        if (text === undefined) return;
        const a = parseAddress(text, { allowHttpScheme: true });
        if (typeof a === 'string') c.report(ep, ConfigCodes.badAddress, a);
        else endpoints.push(a);
      });
      if (list && list.length === 0) c.report([...p, 'proxy', 'upstream_http'], ConfigCodes.badValue, 'A proxy route needs at least one upstream_http endpoint.');
      proxy = { upstreamHttp: endpoints };
    }
  } else {
    service = r.service === undefined ? c.missing(p, 'service') : qualifiedService(c, [...p, 'service'], r.service);
    fn = r.function === undefined ? c.missing(p, 'function') : c.string([...p, 'function'], r.function);
    if (r.strip_prefix !== undefined) c.report([...p, 'strip_prefix'], ConfigCodes.badValue, `'strip_prefix' only applies to proxy routes.`, { key: true });
  }
  const upstream = r.upstream === undefined || isProxy ? undefined : c.string([...p, 'upstream'], r.upstream);
  const bind = r.bind === undefined || isProxy ? {} : validateBind(c, [...p, 'bind'], r.bind);
  let stripPrefix: string | undefined;
  if (isProxy && r.strip_prefix !== undefined) {
    stripPrefix = c.string([...p, 'strip_prefix'], r.strip_prefix);
    if (stripPrefix !== undefined && (!stripPrefix.startsWith('/') || (stripPrefix.length > 1 && stripPrefix.endsWith('/')))) {
      c.report([...p, 'strip_prefix'], ConfigCodes.badValue, `'strip_prefix' must start with '/' and not end with one, got '${stripPrefix}'.`);
    } else if (stripPrefix !== undefined && path !== undefined && !path.startsWith(stripPrefix)) {
      c.report([...p, 'strip_prefix'], ConfigCodes.badValue, `'strip_prefix' '${stripPrefix}' is not a prefix of the route path '${path}'.`);
    }
  }
  if (c.problems.length > before || id === undefined || methods === undefined || path === undefined) return undefined;
  return {
    id, methods, path, service, function: fn, upstream, bind, proxy, stripPrefix,
    origin, loc: c.locate(p),
  };
}

/** Validates one route object without a source text (admin `PUT /v1/routes/:id`); `source` is allowed and ignored. */
export function validateRouteObject(raw: unknown, origin: 'config' | 'admin' = 'admin'): { route: RouteConfig | undefined; problems: ConfigProblem[] } {
  const c = new Checker(noLocator);
  const route = validateRoute(c, [], raw, origin);
  return { route, problems: c.problems };
}

function validateMethods(c: Checker, p: P, value: unknown): ReadonlyArray<HttpMethod> | '*' | undefined {
  if (value === '*') return '*';
  const list = typeof value === 'string' ? [value] : c.array(p, value);
  if (!list) return undefined;
  const out: HttpMethod[] = [];
  let ok = true;
  list.forEach((m, i) => {
    const mp = typeof value === 'string' ? p : [...p, i];
    const upper = typeof m === 'string' ? m.toUpperCase() : m;
    if (typeof upper !== 'string' || !(httpMethods as ReadonlyArray<string>).includes(upper)) {
      c.report(mp, ConfigCodes.badValue, `Method ${JSON.stringify(m)} is not one of ${httpMethods.join(', ')} (or "*" for any).`);
      ok = false;
      return;
    }
    if (!out.includes(upper as HttpMethod)) out.push(upper as HttpMethod);
  });
  if (ok && out.length === 0) {
    c.report(p, ConfigCodes.badValue, 'A route needs at least one method.');
    return undefined;
  }
  return ok ? out : undefined;
}

function validateBind(c: Checker, p: P, value: unknown): Record<string, BindConfig[]> {
  const o = c.record(p, value);
  const out: Record<string, BindConfig[]> = {};
  if (!o) return out;
  for (const [field, raw] of Object.entries(o)) {
    const items = Array.isArray(raw) ? raw : [raw];
    const sources: BindConfig[] = [];
    items.forEach((item, i) => {
      const ip: P = Array.isArray(raw) ? [...p, field, i] : [...p, field];
      const b = c.object(ip, item, ['from', 'name']);
      if (!b) return;
      const from = b.from === undefined ? c.missing(ip, 'from') : c.oneOf([...ip, 'from'], b.from, bindSources);
      if (from === undefined) return;
      const raw_ = from === 'raw_body' || from === 'raw_uri';
      if (raw_ && b.name !== undefined) {
        c.report([...ip, 'name'], ConfigCodes.badValue, `A '${from}' binding takes no name.`, { key: true });
        return;
      }
      const name = raw_ ? undefined : b.name === undefined ? field : c.string([...ip, 'name'], b.name);
      if (!raw_ && name === undefined) return;
      sources.push({ from, name, loc: c.locate(ip) });
    });
    if (Array.isArray(raw) && raw.length === 0) c.report([...p, field], ConfigCodes.badValue, `Binding for '${field}' needs at least one source.`);
    out[field] = sources;
  }
  return out;
}
