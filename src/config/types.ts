/**
 * The validated config (contract §2) with every default filled in and every relative path made absolute.
 * Plain immutable data: `sluice start`, `sluice check`, the route compiler and the admin API all read it.
 * Keys are camelCase here; the file uses the contract's snake_case names (docs/config.md maps them).
 */
import type { SourceLocation } from '../errors';
import type { HttpMethod } from '../routes/types';

/** `host:port` as parsed; `host` keeps IPv6 without brackets. */
export interface Address {
  readonly host: string;
  readonly port: number;
  /** As written (brackets kept for IPv6), e.g. `127.0.0.1:8080`. */
  readonly text: string;
}

export type IoBackend = 'auto' | 'io_uring' | 'epoll';
export type ThriftTransport = 'framed' | 'buffered' | 'header';
export type ThriftProtocol = 'binary' | 'compact';

export interface AdminToken {
  readonly name: string;
  /** Lower-case hex sha256 of the bearer token; the token itself is never kept. */
  readonly sha256: string;
  readonly scopes: ReadonlyArray<string>;
  /** `config` (admin.tokens) or `env` (SLUICE_ADMIN_TOKEN). */
  readonly origin: 'config' | 'env';
  readonly loc: SourceLocation | undefined;
}

export interface AdminConfig {
  readonly listen: Address;
  readonly tokens: ReadonlyArray<AdminToken>;
}

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'etcd'; readonly endpoints: ReadonlyArray<string>; readonly prefix: string };

export interface JsonConfig {
  readonly i64: 'number' | 'string';
  readonly enums: 'number' | 'name';
  readonly unknownFields: 'ignore' | 'reject';
}

export interface UpstreamConfig {
  readonly name: string;
  readonly endpoints: ReadonlyArray<Address>;
  readonly transport: ThriftTransport;
  readonly protocol: ThriftProtocol;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  /** Per worker. */
  readonly maxConnections: number;
  readonly loc: SourceLocation | undefined;
}

export interface ServiceConfig {
  /** `NS.Service`, e.g. `people.PeopleService`. */
  readonly service: string;
  readonly upstream: string;
  readonly multiplexedName: string | undefined;
  readonly loc: SourceLocation | undefined;
  readonly upstreamLoc: SourceLocation | undefined;
}

/** One explicit binding override: `{from: path, name: id}`; raw_body/raw_uri take no name. */
export interface BindConfig {
  readonly from: 'path' | 'query' | 'header' | 'cookie' | 'body' | 'raw_body' | 'raw_uri';
  readonly name: string | undefined;
  readonly loc: SourceLocation | undefined;
}

/** An explicit route (config `routes:` or the admin API), contract §3. */
export interface RouteConfig {
  readonly id: string;
  readonly methods: ReadonlyArray<HttpMethod> | '*';
  readonly path: string;
  /** Thrift target: both set. Proxy target: both undefined and `proxy` set. */
  readonly service: string | undefined;
  readonly function: string | undefined;
  /** Overrides the upstream of the service's `services:` entry. */
  readonly upstream: string | undefined;
  /** Request field (or argument) name → its sources, tried left to right. */
  readonly bind: Readonly<Record<string, ReadonlyArray<BindConfig>>>;
  readonly proxy: { readonly upstreamHttp: ReadonlyArray<Address> } | undefined;
  readonly stripPrefix: string | undefined;
  readonly origin: 'config' | 'admin';
  readonly loc: SourceLocation | undefined;
}

export interface ThriftListenerConfig {
  readonly listen: Address;
  readonly transport: ThriftTransport;
  readonly protocol: ThriftProtocol;
  /** The first (default) service: it serves calls whose name has no `Service:` prefix. */
  readonly service: string;
  /** Every service the listener serves (`service:` may be one name or a list); `services[0] === service`. */
  readonly services: ReadonlyArray<string>;
  readonly upstream: string;
  readonly loc: SourceLocation | undefined;
}

export type PseudoMethod = 'siv' | 'ff1' | 'hmac' | 'mask' | 'redact' | 'constant';

/** One named policy (contract §7); keys the method doesn't use are rejected at load. */
export interface PseudoPolicyConfig {
  readonly name: string;
  readonly method: PseudoMethod;
  readonly domain: string | undefined;
  /** ff1: the alphabet (defaults to `0-9a-z` cut to `radix` when only `radix` is given). */
  readonly alphabet: string | undefined;
  readonly radix: number | undefined;
  /** ff1: characters copied through unchanged. */
  readonly passthrough: string | undefined;
  /** hmac: output encoding. */
  readonly encoding: 'hex' | 'base32' | 'base64url' | undefined;
  /** mask. */
  readonly keepFirst: number | undefined;
  readonly keepLast: number | undefined;
  readonly char: string | undefined;
  readonly onError: 'fail' | 'pass';
  /** The policy object as written (snake_case keys), validated by src/pseudo/policy-config.ts's rules too. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly loc: SourceLocation | undefined;
}

export interface PseudoRuleConfig {
  readonly service: string;
  readonly function: string;
  /** `req.person.email`, `[*]` for list/set elements, `{key}`/`{value}` for map sides. */
  readonly path: string;
  readonly policy: string;
  readonly loc: SourceLocation | undefined;
}

export interface PseudonymizationConfig {
  /** Absolute path of the keyring file (config `keyring` or env SLUICE_KEYRING), if any. */
  readonly keyring: string | undefined;
  readonly reidentifyScope: string;
  readonly policies: Readonly<Record<string, PseudoPolicyConfig>>;
  readonly rules: ReadonlyArray<PseudoRuleConfig>;
  readonly loc: SourceLocation | undefined;
}

export interface LimitsConfig {
  readonly maxHeaderBytes: number;
  readonly maxBodyBytes: number;
  readonly headerTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly sendTimeoutMs: number;
}

export interface SluiceConfig {
  /** Absolute path of the config file; undefined for a document that came from elsewhere (admin API). */
  readonly file: string | undefined;
  /** Directory relative paths were resolved against. */
  readonly baseDir: string;
  /** True when this is the bundled demo (§9). */
  readonly demo: boolean;
  readonly listen: Address;
  /** Native worker threads; `auto` = one per core. */
  readonly workers: number | 'auto';
  readonly ioBackend: IoBackend;
  readonly admin: AdminConfig;
  readonly store: StoreConfig;
  /** Absolute IDL files or directories. */
  readonly idl: ReadonlyArray<string>;
  readonly json: JsonConfig;
  readonly upstreams: Readonly<Record<string, UpstreamConfig>>;
  readonly services: ReadonlyArray<ServiceConfig>;
  readonly routes: ReadonlyArray<RouteConfig>;
  readonly thriftListeners: ReadonlyArray<ThriftListenerConfig>;
  /** Undefined when the section is absent (then `pseudo` annotations are ignored with one warning). */
  readonly pseudonymization: PseudonymizationConfig | undefined;
  readonly limits: LimitsConfig;
  readonly shutdownGraceMs: number;
  /** The parsed document as written (before defaults and env), for the admin store's version 1. */
  readonly document: Readonly<Record<string, unknown>>;
}
