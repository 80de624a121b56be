/**
 * Shared machinery for the hostile-peer suite: a well-behaved client that keeps requesting while a hostile
 * peer does its worst, raw TCP upstreams that misbehave on cue, RSS sampling and condition polling.
 * The proxy suite's harness (test/e2e/proxy/harness.ts) provides the engine/upstream basics.
 */
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../../../src/native/engine';

export { BACKENDS, proxyRoute, rawExchange, readUntil, startProxy } from '../proxy/harness';

export interface Upstream {
  port: number;
  /** Requests received per URL (a count, not a log: the well-behaved client sends tens of thousands). */
  hits: Map<string, number>;
  /** Requests received whose URL starts with `prefix`. */
  count(prefix: string): number;
  close(): Promise<void>;
}

/**
 * An HTTP upstream answering through `handler` that keeps only per-URL counts, so the test process's own
 * memory stays flat and RSS measurements see the engine (the proxy harness's upstream logs every request).
 */
export async function startUpstream(handler: (req: { method: string; url: string }, res: http.ServerResponse) => void): Promise<Upstream> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      hits.set(url, (hits.get(url) ?? 0) + 1);
      handler({ method: req.method ?? '', url }, res);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    count: (prefix) => [...hits].filter(([u]) => u.startsWith(prefix)).reduce((n, [, c]) => n + c, 0),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface WellBehavedReport {
  ok: number;
  failures: string[];
}

/**
 * Sends keep-alive GETs to `path` one after another until stopped; every answer that is not a 200 with the
 * expected body (or a transport error) is recorded as a failure.
 */
export function wellBehavedClient(port: number, path: string, expectBody?: string): { report: WellBehavedReport; stop(): Promise<WellBehavedReport> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const report: WellBehavedReport = { ok: 0, failures: [] };
  let running = true;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = Date.now();
      const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          if (res.statusCode === 200 && (expectBody === undefined || body === expectBody)) report.ok++;
          else report.failures.push(`status ${res.statusCode} after ${Date.now() - t0} ms: ${body.slice(0, 120)}`);
          resolve();
        });
        res.on('error', (e) => {
          report.failures.push(`response error ${e.message}`);
          resolve();
        });
      });
      // A per-request deadline without socket.setTimeout (which piles listeners onto reused keep-alive sockets).
      const deadline = setTimeout(() => req.destroy(new Error('no answer within 5 s')), 5000);
      req.on('close', () => clearTimeout(deadline));
      req.on('error', (e) => {
        report.failures.push(`request error ${e.message} after ${Date.now() - t0} ms`);
        resolve();
      });
    });
  const loop = (async () => {
    while (running) await one();
  })();
  return {
    report,
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return report;
    },
  };
}

/** Polls `pred` every 20 ms until it holds; rejects with `what` after `timeoutMs`. */
export async function waitFor(pred: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

/** Open client connections the engine currently holds (sum over workers). */
export function activeConnections(engine: Engine): number {
  return engine.stats().activeConnections;
}

/**
 * The RSS growth a test may allow: `base` MiB, times 4 under AddressSanitizer (scripts/asan-e2e.sh preloads
 * libasan), whose quarantine and shadow memory make freed memory stay resident.
 */
export function rssBudgetMiB(base: number): number {
  return (process.env.LD_PRELOAD ?? '').includes('libasan') ? base * 4 : base;
}

// The engine runs in this process, next to the test's own JS garbage (thousands of well-behaved requests):
// collect that first so RSS tracks the engine, not V8's collection schedule.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Resident set size of this process after a full GC (the engine runs in-process), in MiB. */
export function rssMiB(): number {
  collectGarbage();
  return process.memoryUsage().rss / (1 << 20);
}

export interface RawServer {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

/** A TCP server whose every connection is handed to `onConn` (the hostile behaviour). */
export async function rawServer(onConn: (s: net.Socket) => void): Promise<RawServer> {
  const socks = new Set<net.Socket>();
  let accepted = 0;
  const srv = net.createServer((s) => {
    accepted++;
    socks.add(s);
    s.on('close', () => socks.delete(s));
    s.on('error', () => undefined);
    onConn(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as AddressInfo).port,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((r) => {
        for (const s of socks) s.destroy();
        srv.close(() => r());
      }),
  };
}

/** Calls `onHead` once the full request head has arrived on `s` (for upstreams that read before misbehaving). */
export function onRequestHead(s: net.Socket, onHead: () => void): void {
  let acc = '';
  const onData = (c: Buffer) => {
    acc += c.toString('latin1');
    if (acc.includes('\r\n\r\n')) {
      s.off('data', onData);
      onHead();
    }
  };
  s.on('data', onData);
}

/** Connects a raw socket and resolves once connected. */
export async function connect(port: number): Promise<net.Socket> {
  const sock = net.connect(port, '127.0.0.1');
  sock.on('error', () => undefined);
  await new Promise((r) => sock.once('connect', r));
  return sock;
}

/** Resolves with the ms until `sock` is closed by the peer (FIN or RST). */
export function closedWithin(sock: net.Socket): Promise<number> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    if (sock.destroyed) return resolve(0);
    sock.on('close', () => resolve(Date.now() - t0));
  });
}
