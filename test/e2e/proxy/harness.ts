/**
 * Shared fixtures for the proxy e2e tests: a real node:http upstream, the native engine on port 0,
 * raw-socket exchanges, and curl. Every test runs on both io backends (BACKENDS).
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfigText } from '../../../src/config/load';
import { compilePlan } from '../../../src/plan';
import { BinaryWriter, MessageType } from '../../../src/thrift/protocol';
import { compileGatewayConfig, type ThriftTarget } from '../../../src/routes';
import { startEngine, type Engine, type EngineLimits, type SnapshotRoute } from '../../../src/native/engine';

export const BACKENDS = ['io_uring', 'epoll'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

export interface Upstream {
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type UpstreamHandler = (req: SeenRequest, res: http.ServerResponse) => void;

/** Echo upstream: answers JSON describing what it received, unless `handler` takes over. */
export async function startUpstream(handler?: UpstreamHandler): Promise<Upstream> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
      seen.push(s);
      if (handler) return handler(s, res);
      const body = JSON.stringify({ method: s.method, url: s.url, headers: s.headers, body: s.body.toString() });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A proxy route to the given endpoints with contract-default timeouts. */
export function proxyRoute(id: string, path: string, endpoints: string[], extra: Partial<{ methods: string[] | '*'; stripPrefix: string; balance: 'round_robin' | 'least_request'; connectTimeoutMs: number; timeoutMs: number; maxConnections: number }> = {}): SnapshotRoute {
  return {
    id,
    methods: extra.methods ?? '*',
    path,
    target: {
      kind: 'proxy',
      endpoints,
      stripPrefix: extra.stripPrefix,
      balance: extra.balance,
      connectTimeoutMs: extra.connectTimeoutMs ?? 1000,
      timeoutMs: extra.timeoutMs ?? 3000,
      maxConnections: extra.maxConnections ?? 64,
    },
  };
}

/** Starts the engine on 127.0.0.1:0 with the given routes. */
export function startProxy(backend: Backend, routes: SnapshotRoute[], limits: EngineLimits = {}, workers = 2): Promise<Engine> {
  return startEngine({ listen: '127.0.0.1:0', workers, ioBackend: backend, limits, snapshot: { version: 1, routes, thriftUpstreams: [] } });
}

export interface RawResult {
  /** Everything the server sent before closing (or before the idle wait ran out). */
  text: string;
  /** True when the server closed the connection. */
  closed: boolean;
}

/** Writes raw bytes and collects the reply until the server closes or `waitMs` passes without it. */
export function rawExchange(port: number, payload: string | Buffer | Array<string | Buffer>, waitMs = 3000): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? finish(true) : reject(e)));
    sock.on('connect', () => {
      const parts = Array.isArray(payload) ? payload : [payload];
      for (const p of parts) sock.write(p);
    });
  });
}

/** Reads from a raw socket until `pred` holds for what arrived so far. */
export function readUntil(sock: net.Socket, pred: (s: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let acc = '';
    const onData = (c: Buffer) => {
      acc += c.toString('latin1');
      if (pred(acc)) {
        sock.off('data', onData);
        resolve(acc);
      }
    };
    sock.on('data', onData);
    sock.once('error', reject);
    sock.once('close', () => (pred(acc) ? resolve(acc) : reject(new Error(`socket closed; got: ${acc.slice(0, 200)}`))));
  });
}

export interface FetchResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  socketId: number;
}

const socketIds = new WeakMap<net.Socket, number>();
let nextSocketId = 1;

/** One request through node's http client (keep-alive agent given by the caller). */
export function request(port: number, opts: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer; agent?: http.Agent }): Promise<FetchResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = [];
      const s = res.socket;
      if (!socketIds.has(s)) socketIds.set(s, nextSocketId++);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), socketId: socketIds.get(s) ?? 0 });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Runs curl and returns stdout (curl must exit 0). */
export function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], { maxBuffer: 64 << 20, encoding: 'latin1' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`curl ${args.join(' ')} failed: ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** A port with nothing listening on it (bound, then closed). */
export async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Parses the §6 envelope out of a raw HTTP response text. */
export function envelopeCode(raw: string): string | undefined {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  try {
    return (JSON.parse(body) as { error: { code: string } }).error.code;
  } catch {
    return undefined;
  }
}

/** REST routes of test/e2e/transcode/fixtures/inventory.thrift (framed binary), all to the Thrift upstream `upstream`. */
export function inventoryThriftRoutes(upstream: string): SnapshotRoute[] {
  const idl = join(__dirname, '../transcode/fixtures/inventory.thrift');
  const yaml = `idl: [${idl}]\nupstreams:\n  ${upstream}: { endpoints: ['127.0.0.1:9'] }\nservices:\n  - { service: inventory.InventoryService, upstream: ${upstream} }\n`;
  const { config, problems } = loadConfigText(yaml, join(__dirname, 'sluice.yaml'));
  if (!config) throw new Error(`inventory config does not load: ${JSON.stringify(problems)}`);
  const r = compileGatewayConfig(config);
  if (!r.schema) throw new Error(`inventory IDL does not compile: ${JSON.stringify(r.problems)}`);
  const schema = r.schema;
  return r.table.routes.map((rt) => ({
    id: rt.id,
    methods: rt.methods === '*' ? ('*' as const) : [...rt.methods],
    path: rt.path,
    target: { kind: 'thrift' as const, upstream, plan: compilePlan(schema, rt.target as ThriftTarget) },
  }));
}

/** `body` behind TFramedTransport's 4-byte big-endian length. */
export function framed(body: Uint8Array): Buffer {
  const frame = Buffer.alloc(4 + body.length);
  frame.writeInt32BE(body.length);
  frame.set(body, 4);
  return frame;
}

/** A framed binary REPLY to `name`/`seqid` with an empty result struct: a void function's success. */
export function voidReply(name: string, seqid: number): Buffer {
  const w = new BinaryWriter();
  w.writeMessageBegin(name, MessageType.REPLY, seqid);
  w.writeStructBegin();
  w.writeFieldStop();
  w.writeStructEnd();
  return framed(w.finish());
}
