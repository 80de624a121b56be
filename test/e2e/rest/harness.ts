/**
 * Fixtures for the REST→Thrift e2e suite: the Apache Thrift Python backend (recording what it received), raw TCP
 * fault peers, a real `sluice start` process per configuration, and an HTTP client that keeps i64 digits exact.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJson, JsonNumber } from '../../../src/json';
import type { JsonValue } from '../../../src/json';
import { freePort } from '../../helpers/ports';
import { startPythonPeer } from '../../helpers/python-peer';
import { spawnSluice, type SluiceProcess } from '../../helpers/sluice-process';

export const BACKENDS = ['io_uring', 'epoll'] as const;
export type IoBackend = (typeof BACKENDS)[number];

export const FIXTURES = path.join(__dirname, 'fixtures');
export const IDL = path.join(FIXTURES, 'catalog.thrift');

/** A JSON value with integers as numbers when exact as doubles, else bigint; objects with Object.prototype. */
export type Plain = null | boolean | number | bigint | string | Plain[] | { [k: string]: Plain };

/** Parses JSON keeping every integer digit (bigint beyond 2^53) and the sign of -0. */
export function parseExact(text: string): Plain {
  return toPlain(parseJson(text));
}

function toPlain(v: JsonValue): Plain {
  if (v instanceof JsonNumber) {
    if (/^-?\d+$/.test(v.text)) {
      const n = Number(v.text);
      return Number.isSafeInteger(n) ? n : BigInt(v.text);
    }
    return Number(v.text);
  }
  if (v === null || typeof v !== 'object') return v as Plain;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Uint8Array) throw new Error('parseJson never yields bytes');
  const o: { [k: string]: Plain } = {};
  for (const k of Object.keys(v)) o[k] = toPlain(v[k]!);
  return o;
}

/** One call the Python backend recorded: function name and its arguments (see backend.py for the encoding). */
export interface Recorded { fn: string; args: { [k: string]: Plain } }

export interface PyBackend {
  readonly port: number;
  readonly transport: string;
  readonly protocol: string;
  /** Every call recorded so far, oldest first. */
  records(): Recorded[];
  /** The most recent recorded call (throws when none). */
  last(): Recorded;
  close(): Promise<void>;
}

let generated: string | undefined;

/**
 * Generates Python code (once per process) from a copy of the test IDL with its "// default" values removed, so
 * the backend's own constructors add nothing and what it records is exactly what the gateway sent.
 */
export function backendGenDir(): string {
  if (generated) return generated;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-rest-py-'));
  const src = fs.readFileSync(IDL, 'utf8').split('\n')
    .map((line) => (line.endsWith('// default') ? line.replace(/ = .*?(?= \/\/ default$)/, '') : line)).join('\n');
  if (/ = "?\w+"? \/\/ default/.test(src)) throw new Error('default stripping failed');
  fs.writeFileSync(path.join(dir, 'catalog.thrift'), src);
  fs.mkdirSync(path.join(dir, 'gen-py'));
  execFileSync('thrift', ['--gen', 'py', '-out', path.join(dir, 'gen-py'), path.join(dir, 'catalog.thrift')]);
  generated = path.join(dir, 'gen-py');
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true })); // also holds the record files
  return generated;
}

/** Starts backend.py on a port of its choosing; resolves once it listens. */
export async function startPyBackend(transport: 'framed' | 'buffered' | 'header', protocol: 'binary' | 'compact', opts: { record?: boolean; multiplexedName?: string } = {}): Promise<PyBackend> {
  const gen = backendGenDir();
  const recordFile = opts.record === false ? '-' : path.join(path.dirname(gen), `record-${transport}-${protocol}-${process.pid}-${Date.now()}.jsonl`);
  if (recordFile !== '-') fs.writeFileSync(recordFile, '');
  const peer = await startPythonPeer(path.join(FIXTURES, 'backend.py'), [gen, '0', transport, protocol, recordFile, ...(opts.multiplexedName ? [opts.multiplexedName] : [])]);
  const port = peer.port;
  const records = (): Recorded[] => (recordFile === '-' ? [] : fs.readFileSync(recordFile, 'utf8').split('\n').filter(Boolean).map((l) => parseExact(l) as unknown as Recorded));
  return {
    port, transport, protocol, records,
    last() {
      const all = records();
      if (all.length === 0) throw new Error('the backend recorded no call');
      return all[all.length - 1]!;
    },
    close: () => peer.stop(),
  };
}

export interface FaultPeer { readonly port: number; close(): Promise<void> }

/** A TCP peer that does `onData` with the first bytes of every connection (faults a real Thrift server won't make). */
export async function faultPeer(onData: (sock: net.Socket, first: Buffer) => void): Promise<FaultPeer> {
  const socks = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    socks.add(s);
    s.on('close', () => socks.delete(s));
    s.on('error', () => undefined);
    s.once('data', (d: Buffer) => onData(s, d));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () => new Promise<void>((r) => { for (const s of socks) s.destroy(); srv.close(() => r()); }),
  };
}

/** A loopback port nothing listens on (bound, then closed). */
export async function deadPort(): Promise<number> {
  return freePort();
}

export interface Gateway {
  readonly port: number;
  readonly proc: SluiceProcess;
  readonly dir: string;
  stop(): Promise<number | null>;
}

/** Writes `yaml` (with LISTEN/ADMIN placeholders filled) to a temp dir and runs `sluice start --config` on it. */
export async function startGateway(ioBackend: IoBackend, body: string): Promise<Gateway> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-rest-gw-'));
  const listen = await freePort();
  const admin = await freePort();
  const config = path.join(dir, 'sluice.yaml');
  fs.writeFileSync(config, `listen: 127.0.0.1:${listen}
workers: 2
io_backend: ${ioBackend}
admin:
  listen: 127.0.0.1:${admin}
store:
  kind: sqlite
  path: ${path.join(dir, 'sluice.db')}
idl: [${IDL}]
${body}`);
  const proc = spawnSluice(['start', '--config', config]);
  try {
    await proc.waitFor(/serving http:\/\//, 30000);
    const m = await proc.waitFor(/io_backend=(\w+)/, 1000);
    if (m[1] !== ioBackend) throw new Error(`asked for io_backend=${ioBackend}, gateway says ${m[0]}`);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return {
    port: listen, proc, dir,
    async stop() {
      const code = await proc.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed losslessly (undefined for an empty body). */
  json: Plain | undefined;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Sends one request; `body` objects are JSON-encoded (strings and Buffers go as they are). */
export function send(port: number, method: string, target: string, opts: { headers?: http.OutgoingHttpHeaders; body?: string | Buffer; json?: unknown } = {}): Promise<Reply> {
  const headers: http.OutgoingHttpHeaders = { ...opts.headers };
  let body = opts.body;
  if (opts.json !== undefined) { body = JSON.stringify(opts.json); headers['content-type'] ??= 'application/json'; }
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Plain | undefined;
        if (text.length > 0 && /json/.test(String(res.headers['content-type']))) json = parseExact(text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.setTimeout(15000, () => req.destroy(new Error(`${method} ${target}: no answer in 15 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The §6 envelope of a reply (throws when the body is not one). */
export function envelope(r: Reply): { code: string; message: string; field?: string; detail?: Plain } {
  const e = (r.json as { error?: { code: string; message: string; field?: string; detail?: Plain } } | undefined)?.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string') throw new Error(`not a §6 envelope (${r.status}): ${r.text}`);
  return e;
}

/** Writes `payload` on a fresh connection; returns what arrives and whether the server closed within `waitMs`. */
export function rawExchange(port: number, payload: string, waitMs = 3000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => { if (!done) { done = true; clearTimeout(timer); sock.destroy(); resolve({ text: Buffer.concat(chunks).toString('latin1'), closed }); } };
    const timer = setTimeout(() => finish(false), waitMs);
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('close', () => finish(true));
    sock.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? finish(true) : reject(e)));
    sock.on('connect', () => sock.write(payload));
  });
}

/** Closes the shared keep-alive agent's sockets (call in the last `after`). */
export function closeClientSockets(): void {
  agent.destroy();
}
