/**
 * Prometheus exposition (contract §10 `GET /metrics`): native counters are read once per scrape (one N-API
 * call), never per request. Names start with `sluice_`.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { Engine } from '../native/engine';

export interface MetricsSources {
  engine(): Engine | undefined;
  configVersion(): number;
  reloads(): number;
  /** Pseudonymization counts per policy (never values). */
  pseudo?(): ReadonlyArray<{ policy: string; direction: string; outcome: string; count: number }>;
}

/** Renders the whole exposition text. */
export async function renderMetrics(src: MetricsSources): Promise<string> {
  const reg = new Registry();
  const g = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [reg] });
  const c = (name: string, help: string, labelNames: string[] = []) => new Counter({ name, help, labelNames, registers: [reg] });
  g('sluice_config_version', 'Live config version.').set(src.configVersion());
  c('sluice_config_reloads_total', 'Config versions applied since start.').inc(src.reloads());
  const engine = src.engine();
  if (engine) {
    const s = engine.stats();
    g('sluice_workers', 'Native worker threads.').set(engine.workers);
    g('sluice_connections_active', 'Open client connections.').set(s.activeConnections);
    c('sluice_connections_accepted_total', 'Accepted client connections.').inc(s.acceptedConnections);
    c('sluice_upstream_errors_total', 'Upstream refused, reset, closed or undecodable.').inc(s.upstreamErrors);
    c('sluice_upstream_timeouts_total', 'Upstream timeouts.').inc(s.upstreamTimeouts);
    c('sluice_upstream_unavailable_total', 'Requests with no upstream endpoint available.').inc(s.upstreamUnavailable);
    c('sluice_upstream_retries_total', 'Idempotent requests retried on another connection.').inc(s.upstreamRetries);
    c('sluice_upstream_connects_total', 'Upstream connections opened.').inc(s.upstreamConnects);
    const pool = g('sluice_upstream_pool_connections', 'Upstream pool connections by state.', ['state']);
    pool.set({ state: 'idle' }, s.poolIdle);
    pool.set({ state: 'active' }, s.poolActive);
    c('sluice_recv_buffer_exhausted_total', 'Times a worker ran out of receive buffers (ENOBUFS).').inc(s.enobufs);
    c('sluice_bad_requests_total', 'Malformed HTTP requests rejected before routing.').inc(s.badRequests);
    const tl = c('sluice_thrift_listener_events_total', 'Thrift listener events by listener and kind (contract §8).', ['listener', 'event']);
    const tlActive = g('sluice_thrift_listener_connections_active', 'Open client connections per Thrift listener.', ['listener']);
    for (const l of s.thriftListeners) {
      tlActive.set({ listener: l.listen }, l.active);
      const events: Array<[string, number]> = [['accepted', l.accepted], ['call', l.calls], ['oneway', l.oneway], ['reply', l.replies],
        ['translated', l.translated], ['unknown_method', l.unknownMethods], ['application_exception', l.appErrors],
        ['upstream_error', l.upstreamErrors], ['upstream_timeout', l.upstreamTimeouts], ['protocol_error', l.protocolErrors]];
      for (const [event, n] of events) tl.inc({ listener: l.listen, event }, n);
    }
    const req = c('sluice_requests_total', 'Finished requests by route, method and status class.', ['route', 'method', 'status']);
    const bounds = s.latencyBoundsSeconds;
    const lines: string[] = [];
    for (const r of s.routes) {
      for (const [cls, n] of Object.entries(r.byClass)) if (n > 0) req.inc({ route: r.id, method: '*', status: cls }, n);
      let cum = 0;
      r.latencyBuckets.forEach((n, i) => {
        cum += n;
        const le = i < bounds.length ? String(bounds[i]) : '+Inf';
        lines.push(`sluice_request_duration_seconds_bucket{route="${esc(r.id)}",le="${le}"} ${cum}`);
      });
      lines.push(`sluice_request_duration_seconds_sum{route="${esc(r.id)}"} ${r.latencySumSeconds}`);
      lines.push(`sluice_request_duration_seconds_count{route="${esc(r.id)}"} ${r.count}`);
    }
    const text = await reg.metrics();
    const hist = lines.length ? `# HELP sluice_request_duration_seconds Request latency by route.\n# TYPE sluice_request_duration_seconds histogram\n${lines.join('\n')}\n` : '';
    return text + hist + pseudoLines(src);
  }
  return (await reg.metrics()) + pseudoLines(src);
}

function pseudoLines(src: MetricsSources): string {
  const rows = src.pseudo?.() ?? [];
  if (rows.length === 0) return '';
  const out = ['# HELP sluice_pseudonymization_total Pseudonymization transformations by policy, direction and outcome.', '# TYPE sluice_pseudonymization_total counter'];
  for (const r of rows) out.push(`sluice_pseudonymization_total{policy="${esc(r.policy)}",direction="${esc(r.direction)}",outcome="${esc(r.outcome)}"} ${r.count}`);
  return out.join('\n') + '\n';
}

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
