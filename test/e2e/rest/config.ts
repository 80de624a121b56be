/** The gateway configurations the REST suite runs: upstream per transport/protocol, fault upstreams, explicit routes. */

export interface Ports {
  /**
   * Python backends: framed+binary (the service default), buffered+compact, header+compact. Upstream `slow`
   * deliberately shares fb's endpoint with a shorter timeout_ms (two upstreams may name the same host:port).
   */
  fb: number;
  bc: number;
  hc: number;
  /** Fault peers: resets mid-reply, answers garbage, reads and never answers; a port nothing listens on. */
  reset: number;
  silent: number;
  garbage: number;
  dead: number;
  /** Plain HTTP server for the proxy route. */
  http: number;
}

export interface JsonMode { i64?: 'number' | 'string'; enums?: 'number' | 'name'; unknown_fields?: 'ignore' | 'reject' }

/** Body of sluice.yaml after listen/admin/store/idl (see harness.startGateway). */
export function suiteConfig(p: Ports, json: JsonMode = {}, maxBodyBytes = 65536): string {
  const up = (port: number, transport: string, protocol: string, timeoutMs = 3000) =>
    `{ endpoints: ['127.0.0.1:${port}'], transport: ${transport}, protocol: ${protocol}, connect_timeout_ms: 500, timeout_ms: ${timeoutMs} }`;
  const route = (id: string, method: string, path: string, fn: string, upstream: string) =>
    `  - { id: ${id}, method: ${method}, path: '${path}', service: catalog.Catalog, function: ${fn}, upstream: ${upstream} }`;
  return `json:
  i64: ${json.i64 ?? 'number'}
  enums: ${json.enums ?? 'number'}
  unknown_fields: ${json.unknown_fields ?? 'ignore'}
limits:
  max_body_bytes: ${maxBodyBytes}
upstreams:
  fb: ${up(p.fb, 'framed', 'binary')}
  bc: ${up(p.bc, 'buffered', 'compact')}
  hc: ${up(p.hc, 'header', 'compact')}
  slow: ${up(p.fb, 'framed', 'binary', 300)}
  silent: ${up(p.silent, 'framed', 'binary', 300)}
  reset: ${up(p.reset, 'framed', 'binary')}
  garbage: ${up(p.garbage, 'framed', 'binary')}
  dead: ${up(p.dead, 'framed', 'binary')}
services:
  - { service: catalog.Catalog, upstream: fb }
routes:
${route('replaces-who2', 'POST', '/v1/who2', 'Add', 'fb')}
${route('bc-echo', 'POST', '/bc/echo', 'Echo', 'bc')}
${route('bc-item', 'GET', '/bc/items/:item_id', 'GetItem', 'bc')}
${route('bc-add', 'GET', '/bc/add', 'Add', 'bc')}
${route('hc-echo', 'POST', '/hc/echo', 'Echo', 'hc')}
${route('hc-item', 'GET', '/hc/items/:item_id', 'GetItem', 'hc')}
${route('hc-add', 'GET', '/hc/add', 'Add', 'hc')}
${route('slow-sleep', 'GET', '/fault/slow', 'Sleep', 'slow')}
${route('silent-add', 'GET', '/fault/silent', 'Add', 'silent')}
${route('reset-add', 'GET', '/fault/reset', 'Add', 'reset')}
${route('garbage-add', 'GET', '/fault/garbage', 'Add', 'garbage')}
${route('dead-add', 'GET', '/fault/dead', 'Add', 'dead')}
  - id: v2-item
    method: GET
    path: /v2/items/:id
    service: catalog.Catalog
    function: GetItem
    bind:
      item_id: { from: path, name: id }
      locale: { from: header, name: Accept-Language }
  - { id: legacy, method: '*', path: '/legacy/*rest', proxy: { upstream_http: ['127.0.0.1:${p.http}'] }, strip_prefix: /legacy }
`;
}
