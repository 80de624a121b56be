/**
 * Validates a parsed §2 document into a SluiceConfig: every key checked (unknown keys are errors, see
 * shared/notes/monolake-lessons.md §4), every default filled in, relative paths resolved against the
 * config file's directory. Works on partial documents too: absent sections take their defaults.
 */
import * as path from 'node:path';
import { Checker, type Obj } from './checker';
import { defaults, topLevelKeys } from './defaults';
import { noLocator, type Locator } from './locate';
import { ConfigCodes, hasErrors, type ConfigProblem } from './problems';
import { validateServices, validateThriftListeners, validateUpstreams } from './validate-upstreams';
import { validateRoutes } from './validate-routes';
import { validatePseudonymization } from './validate-pseudo';
import type { AdminConfig, AdminToken, JsonConfig, LimitsConfig, SluiceConfig, StoreConfig } from './types';

/** Where a document came from: used for locations and for resolving relative paths. */
export interface ConfigOrigin {
  /** Absolute path of the file, when there is one. */
  readonly file?: string;
  /** Relative paths resolve against this (default: the file's directory, else the process cwd). */
  readonly baseDir?: string;
  readonly locate?: Locator;
  /** Explicit routes of this document are tagged with this source (default `config`). */
  readonly routeOrigin?: 'config' | 'admin';
  readonly demo?: boolean;
  /** Where a relative `store.path` resolves (default baseDir); the demo keeps its store under the cwd. */
  readonly storeBaseDir?: string;
}

export interface ConfigResult {
  /** Undefined when any problem is an error. */
  readonly config: SluiceConfig | undefined;
  readonly problems: ConfigProblem[];
}

/** Validates a whole or partial §2 document; never throws for bad input. */
export function validateConfigDocument(doc: unknown, origin: ConfigOrigin = {}): ConfigResult {
  const c = new Checker(origin.locate ?? noLocator);
  const baseDir = origin.baseDir ?? (origin.file ? path.dirname(origin.file) : process.cwd());
  const checked = doc === undefined || doc === null ? {} : c.object([], doc, topLevelKeys);
  if (!checked) return { config: undefined, problems: c.problems };
  // A key written with no value (`admin:`) means the same as an absent one: its defaults.
  const top = Object.fromEntries(Object.entries(checked).filter(([, v]) => v !== null));

  const listen = c.address(['listen'], top.listen ?? defaults.listen);
  const workers = top.workers === undefined || top.workers === 'auto'
    ? 'auto' as const
    : c.integer(['workers'], top.workers, { min: 1, what: 'a positive integer or "auto"' });
  const ioBackend = top.io_backend === undefined ? defaults.ioBackend
    : c.oneOf(['io_backend'], top.io_backend, ['auto', 'io_uring', 'epoll'] as const);
  const admin = validateAdmin(c, top.admin);
  const store = validateStore(c, top.store, origin.storeBaseDir ?? baseDir);
  const idl = validateIdl(c, top.idl, baseDir);
  const json = validateJson(c, top.json);
  const upstreams = validateUpstreams(c, top.upstreams);
  const services = validateServices(c, top.services);
  const routes = validateRoutes(c, top.routes, origin.routeOrigin ?? 'config');
  const thriftListeners = validateThriftListeners(c, top.thrift_listeners);
  const pseudonymization = top.pseudonymization === undefined || top.pseudonymization === null
    ? undefined : validatePseudonymization(c, top.pseudonymization, baseDir);
  const limits = validateLimits(c, top.limits);
  const shutdownGraceMs = top.shutdown_grace_ms === undefined ? defaults.shutdownGraceMs
    : c.integer(['shutdown_grace_ms'], top.shutdown_grace_ms);

  if (hasErrors(c.problems) || !listen || workers === undefined || !ioBackend || !admin || !store || !idl || !json
    || !upstreams || !services || !routes || !thriftListeners || !limits || shutdownGraceMs === undefined) {
    return { config: undefined, problems: c.problems };
  }
  const config: SluiceConfig = {
    file: origin.file,
    baseDir,
    demo: origin.demo ?? false,
    listen, workers, ioBackend, admin, store, idl, json, upstreams, services, routes, thriftListeners,
    pseudonymization, limits, shutdownGraceMs,
    document: checked,
  };
  return { config, problems: c.problems };
}

function validateAdmin(c: Checker, value: unknown): AdminConfig | undefined {
  const o = value === undefined ? {} : c.object(['admin'], value, ['listen', 'tokens']);
  if (!o) return undefined;
  const listen = c.address(['admin', 'listen'], o.listen ?? defaults.adminListen);
  const tokens: AdminToken[] = [];
  const list = o.tokens === undefined ? [] : c.array(['admin', 'tokens'], o.tokens);
  list?.forEach((item, i) => {
    const p = ['admin', 'tokens', i];
    const t = c.object(p, item, ['name', 'sha256', 'scopes']);
    if (!t) return;
    const name = t.name === undefined ? c.missing(p, 'name') : c.string([...p, 'name'], t.name);
    let sha256 = t.sha256 === undefined ? c.missing(p, 'sha256') : c.string([...p, 'sha256'], t.sha256);
    if (sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(sha256)) {
      c.report([...p, 'sha256'], ConfigCodes.badValue, `'admin.tokens[${i}].sha256' must be 64 hex digits (sha256 of the token).`);
      sha256 = undefined;
    }
    const scopes = validateScopes(c, [...p, 'scopes'], t.scopes);
    if (name !== undefined && tokens.some((x) => x.name === name)) {
      c.report([...p, 'name'], ConfigCodes.duplicate, `Token name '${name}' is used twice in admin.tokens.`);
    }
    if (name !== undefined && sha256 !== undefined && scopes) {
      tokens.push({ name, sha256: sha256.toLowerCase(), scopes, origin: 'config', loc: c.locate(p) });
    }
  });
  return listen ? { listen, tokens } : undefined;
}

function validateScopes(c: Checker, p: ReadonlyArray<string | number>, value: unknown): string[] | undefined {
  if (value === undefined) return c.missing(p.slice(0, -1), 'scopes');
  const list = c.array(p, value);
  if (!list) return undefined;
  const scopes: string[] = [];
  list.forEach((s, i) => {
    const scope = c.string([...p, i], s);
    if (scope === undefined) return;
    if (!/^[a-z][a-z0-9_-]*$/.test(scope)) {
      c.report([...p, i], ConfigCodes.badValue, `Scope '${scope}' is not a scope name (read, write, reidentify, or a lower-case name).`);
      return;
    }
    if (!scopes.includes(scope)) scopes.push(scope);
  });
  return scopes;
}

function validateStore(c: Checker, value: unknown, baseDir: string): StoreConfig | undefined {
  const o = value === undefined ? {} : c.object(['store'], value, ['kind', 'path', 'etcd']);
  if (!o) return undefined;
  const kind = o.kind === undefined ? defaults.storeKind : c.oneOf(['store', 'kind'], o.kind, ['sqlite', 'etcd'] as const);
  if (kind === 'sqlite') {
    if (o.etcd !== undefined) c.report(['store', 'etcd'], ConfigCodes.badValue, `'store.etcd' only applies with 'store.kind: etcd'.`, { key: true });
    const p = o.path === undefined ? defaults.storePath : c.string(['store', 'path'], o.path);
    return p === undefined ? undefined : { kind, path: path.resolve(baseDir, p) };
  }
  if (kind === 'etcd') {
    if (o.path !== undefined) c.report(['store', 'path'], ConfigCodes.badValue, `'store.path' only applies with 'store.kind: sqlite'.`, { key: true });
    const e = o.etcd === undefined ? {} : c.object(['store', 'etcd'], o.etcd, ['endpoints', 'prefix']);
    if (!e) return undefined;
    const endpoints: string[] = [];
    const list = e.endpoints === undefined ? defaults.etcdEndpoints : c.array(['store', 'etcd', 'endpoints'], e.endpoints);
    list?.forEach((x, i) => {
      const url = c.string(['store', 'etcd', 'endpoints', i], x);
      if (url === undefined) return;
      if (!/^https?:\/\/[^/\s]+\/?$/.test(url)) {
        c.report(['store', 'etcd', 'endpoints', i], ConfigCodes.badAddress, `etcd endpoint '${url}' must be http(s)://host:port.`);
        return;
      }
      endpoints.push(url);
    });
    const prefix = e.prefix === undefined ? defaults.etcdPrefix : c.string(['store', 'etcd', 'prefix'], e.prefix);
    return prefix === undefined || !list ? undefined : { kind, endpoints, prefix };
  }
  return undefined;
}

function validateIdl(c: Checker, value: unknown, baseDir: string): string[] | undefined {
  if (value === undefined || value === null) return defaults.idl.map((p) => path.resolve(baseDir, p));
  const list = typeof value === 'string' ? [value] : c.array(['idl'], value);
  if (!list) return undefined;
  const out: string[] = [];
  list.forEach((x, i) => {
    const p = c.string(typeof value === 'string' ? ['idl'] : ['idl', i], x);
    if (p !== undefined) out.push(path.resolve(baseDir, p));
  });
  return out;
}

function validateJson(c: Checker, value: unknown): JsonConfig | undefined {
  const o = value === undefined ? {} : c.object(['json'], value, ['i64', 'enums', 'unknown_fields']);
  if (!o) return undefined;
  const i64 = o.i64 === undefined ? defaults.json.i64 : c.oneOf(['json', 'i64'], o.i64, ['number', 'string'] as const);
  const enums = o.enums === undefined ? defaults.json.enums : c.oneOf(['json', 'enums'], o.enums, ['number', 'name'] as const);
  const unknownFields = o.unknown_fields === undefined ? defaults.json.unknownFields
    : c.oneOf(['json', 'unknown_fields'], o.unknown_fields, ['ignore', 'reject'] as const);
  return i64 && enums && unknownFields ? { i64, enums, unknownFields } : undefined;
}

function validateLimits(c: Checker, value: unknown): LimitsConfig | undefined {
  const keys = ['max_header_bytes', 'max_body_bytes', 'header_timeout_ms', 'idle_timeout_ms', 'send_timeout_ms'] as const;
  const o: Obj | undefined = value === undefined ? {} : c.object(['limits'], value, keys);
  if (!o) return undefined;
  const d = defaults.limits;
  const get = (k: typeof keys[number], def: number) => (o[k] === undefined ? def : c.integer(['limits', k], o[k]));
  const limits = {
    maxHeaderBytes: get('max_header_bytes', d.maxHeaderBytes),
    maxBodyBytes: get('max_body_bytes', d.maxBodyBytes),
    headerTimeoutMs: get('header_timeout_ms', d.headerTimeoutMs),
    idleTimeoutMs: get('idle_timeout_ms', d.idleTimeoutMs),
    sendTimeoutMs: get('send_timeout_ms', d.sendTimeoutMs),
  };
  return Object.values(limits).every((v) => v !== undefined) ? (limits as LimitsConfig) : undefined;
}
