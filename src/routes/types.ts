/**
 * The compiled route table: what the route compiler (src/routes) produces from IDL annotations plus explicit
 * routes, and what the plan compiler (src/plan), the native snapshot, `sluice check`, OpenAPI and the admin API
 * consume. Plain immutable data.
 */
import type { SourceLocation } from '../errors';
import type { QualifiedName } from '../idl/model';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

/** Where one request value comes from (contract §3). */
export type BindingSource =
  | { readonly from: 'path' | 'query' | 'header' | 'cookie' | 'body'; readonly name: string }
  | { readonly from: 'raw_body' | 'raw_uri' };

/** How one field of the request struct (or one argument) is filled: sources tried left to right, first present wins. */
export interface FieldBinding {
  readonly fieldId: number;
  readonly fieldName: string;
  readonly sources: ReadonlyArray<BindingSource>;
}

export interface ThriftTarget {
  readonly kind: 'thrift';
  /** `NS.Service` as listed in config `services:`. */
  readonly service: QualifiedName;
  readonly function: string;
  /** Name of the upstream in config `upstreams:`. */
  readonly upstream: string;
  /** TMultiplexedProtocol service name, when configured. */
  readonly multiplexedName: string | undefined;
  /**
   * `struct`: the function's single struct argument is the request struct and `bindings` fill its fields.
   * `args`: the function's arguments themselves are bound (JSON body keys / query params by argument name).
   */
  readonly requestShape: 'struct' | 'args';
  readonly bindings: ReadonlyArray<FieldBinding>;
}

export interface ProxyTarget {
  readonly kind: 'proxy';
  readonly endpoints: ReadonlyArray<string>;
  readonly stripPrefix: string | undefined;
}

export interface Route {
  /** Stable id: explicit routes carry theirs; annotation routes get `<Service>.<function>:<METHOD>:<path>`. */
  readonly id: string;
  /** `'*'` = any method. */
  readonly methods: ReadonlyArray<HttpMethod> | '*';
  /** Template with `:name` segments and an optional trailing `*name`. */
  readonly path: string;
  readonly target: ThriftTarget | ProxyTarget;
  /** `annotation` (IDL file:line) or `config` (config file:line) or `admin`. */
  readonly source: { readonly kind: 'annotation' | 'config' | 'admin'; readonly loc: SourceLocation | undefined };
}

export interface RouteTable {
  readonly routes: ReadonlyArray<Route>;
}
