/** §2 `upstreams`, `services` and §8 `thrift_listeners`. Cross-references to the IDL are checked by the route compiler. */
import type { Checker } from './checker';
import { defaults } from './defaults';
import { ConfigCodes } from './problems';
import type { Address, ServiceConfig, ThriftListenerConfig, UpstreamConfig } from './types';

const transports = ['framed', 'buffered', 'header'] as const;
const protocols = ['binary', 'compact'] as const;
const serviceName = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_.]*$/;

/** `upstreams: {name: {...}}` with §2 defaults. */
export function validateUpstreams(c: Checker, value: unknown): Record<string, UpstreamConfig> | undefined {
  if (value === undefined || value === null) return {};
  const o = c.record(['upstreams'], value);
  if (!o) return undefined;
  const out: Record<string, UpstreamConfig> = {};
  let ok = true;
  for (const [name, raw] of Object.entries(o)) {
    const p = ['upstreams', name];
    const u = c.object(p, raw, ['endpoints', 'transport', 'protocol', 'connect_timeout_ms', 'timeout_ms', 'max_connections']);
    if (!u) { ok = false; continue; }
    const endpoints: Address[] = [];
    const list = u.endpoints === undefined ? c.missing(p, 'endpoints') : c.array([...p, 'endpoints'], u.endpoints);
    list?.forEach((e, i) => {
      const a = c.address([...p, 'endpoints', i], e);
      if (a) endpoints.push(a);
    });
    if (list && list.length === 0) c.report([...p, 'endpoints'], ConfigCodes.badValue, `Upstream '${name}' needs at least one endpoint.`);
    const d = defaults.upstream;
    const transport = u.transport === undefined ? d.transport : c.oneOf([...p, 'transport'], u.transport, transports);
    const protocol = u.protocol === undefined ? d.protocol : c.oneOf([...p, 'protocol'], u.protocol, protocols);
    const connectTimeoutMs = u.connect_timeout_ms === undefined ? d.connectTimeoutMs : c.integer([...p, 'connect_timeout_ms'], u.connect_timeout_ms);
    const timeoutMs = u.timeout_ms === undefined ? d.timeoutMs : c.integer([...p, 'timeout_ms'], u.timeout_ms);
    const maxConnections = u.max_connections === undefined ? d.maxConnections : c.integer([...p, 'max_connections'], u.max_connections, { min: 1 });
    if (!list || !transport || !protocol || connectTimeoutMs === undefined || timeoutMs === undefined || maxConnections === undefined) {
      ok = false;
      continue;
    }
    out[name] = { name, endpoints, transport, protocol, connectTimeoutMs, timeoutMs, maxConnections, loc: c.locate(p, { key: true }) };
  }
  return ok ? out : undefined;
}

/** `services: [{service, upstream, multiplexed_name}]`. */
export function validateServices(c: Checker, value: unknown): ServiceConfig[] | undefined {
  if (value === undefined || value === null) return [];
  const list = c.array(['services'], value);
  if (!list) return undefined;
  const out: ServiceConfig[] = [];
  list.forEach((raw, i) => {
    const p = ['services', i];
    const s = c.object(p, raw, ['service', 'upstream', 'multiplexed_name']);
    if (!s) return;
    const service = s.service === undefined ? c.missing(p, 'service') : qualifiedService(c, [...p, 'service'], s.service);
    const upstream = s.upstream === undefined ? c.missing(p, 'upstream') : c.string([...p, 'upstream'], s.upstream);
    const multiplexedName = s.multiplexed_name === undefined || s.multiplexed_name === null
      ? undefined : c.string([...p, 'multiplexed_name'], s.multiplexed_name);
    if (service !== undefined && out.some((x) => x.service === service)) {
      c.report([...p, 'service'], ConfigCodes.duplicate, `Service '${service}' is listed twice in services.`);
    }
    if (service !== undefined && upstream !== undefined) {
      out.push({ service, upstream, multiplexedName, loc: c.locate(p), upstreamLoc: c.locate([...p, 'upstream']) });
    }
  });
  return out;
}

/** `thrift_listeners: [{listen, transport, protocol, service, upstream}]` (§8). */
export function validateThriftListeners(c: Checker, value: unknown): ThriftListenerConfig[] | undefined {
  if (value === undefined || value === null) return [];
  const list = c.array(['thrift_listeners'], value);
  if (!list) return undefined;
  const out: ThriftListenerConfig[] = [];
  list.forEach((raw, i) => {
    const p = ['thrift_listeners', i];
    const l = c.object(p, raw, ['listen', 'transport', 'protocol', 'service', 'upstream']);
    if (!l) return;
    const listen = l.listen === undefined ? c.missing(p, 'listen') : c.address([...p, 'listen'], l.listen);
    const transport = l.transport === undefined ? defaults.upstream.transport : c.oneOf([...p, 'transport'], l.transport, transports);
    const protocol = l.protocol === undefined ? defaults.upstream.protocol : c.oneOf([...p, 'protocol'], l.protocol, protocols);
    const services = l.service === undefined ? c.missing(p, 'service') : listenerServices(c, [...p, 'service'], l.service);
    const upstream = l.upstream === undefined ? c.missing(p, 'upstream') : c.string([...p, 'upstream'], l.upstream);
    if (listen && out.some((x) => x.listen.text === listen.text)) {
      c.report([...p, 'listen'], ConfigCodes.duplicate, `Two thrift_listeners listen on ${listen.text}.`);
    }
    if (listen && transport && protocol && services !== undefined && upstream !== undefined) {
      out.push({ listen, transport, protocol, service: services[0]!, services, upstream, loc: c.locate(p) });
    }
  });
  return out;
}

/** A listener's `service`: one `NS.Service` or a non-empty list of them (one listener may serve several services). */
function listenerServices(c: Checker, p: ReadonlyArray<string | number>, value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    const one = qualifiedService(c, p, value);
    return one === undefined ? undefined : [one];
  }
  if (value.length === 0) {
    c.report(p, ConfigCodes.badValue, 'A thrift listener needs at least one service.');
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  value.forEach((v, i) => {
    const s = qualifiedService(c, [...p, i], v);
    if (s === undefined) ok = false;
    else if (out.includes(s)) c.report([...p, i], ConfigCodes.duplicate, `Service '${s}' is listed twice on this listener.`);
    else out.push(s);
  });
  return ok ? out : undefined;
}

/** `NS.Service` (the IDL file's base name, a dot, the service name). */
export function qualifiedService(c: Checker, p: ReadonlyArray<string | number>, value: unknown): string | undefined {
  const s = c.string(p, value);
  if (s === undefined) return undefined;
  if (!serviceName.test(s)) {
    c.report(p, ConfigCodes.badValue, `'${s}' is not a qualified service name (NS.Service, e.g. people.PeopleService).`);
    return undefined;
  }
  return s;
}
