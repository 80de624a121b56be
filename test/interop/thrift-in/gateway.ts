/**
 * Shared by the Thrift-listener suites (test/interop/thrift-in, test/e2e/thrift-in): runs `sluice start` on a
 * config with `thrift_listeners`, and talks raw Thrift over a socket (binary protocol, framed or buffered) with
 * our reference codecs, for the byte-level checks Apache clients cannot make (seqids, pipelining, bad input).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter, MessageType, TType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import { spawnSluice, type SluiceProcess } from '../../helpers/sluice-process';

export const BACKENDS = ['io_uring', 'epoll'] as const;
export type IoBackend = (typeof BACKENDS)[number];
export const INTEROP_IDL = path.resolve(__dirname, '../rpc/interop.thrift');

export interface Gateway {
  readonly adminPort: number;
  readonly proc: SluiceProcess;
  readonly dir: string;
  /** GET /metrics from the admin listener. */
  metrics(): Promise<string>;
  stop(): Promise<number | null>;
}

/** Writes a config (data plane + admin + store + the interop IDL, then `body`) and runs `sluice start` on it. */
export async function startGateway(io: IoBackend, body: string,
  extra: { workers?: number; env?: NodeJS.ProcessEnv; adminYaml?: string; files?: Record<string, string>; idl?: string } = {}): Promise<Gateway> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-thrift-in-'));
  const listen = await freePort();
  const adminPort = await freePort();
  const config = path.join(dir, 'sluice.yaml');
  for (const [name, text] of Object.entries(extra.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(config, `listen: 127.0.0.1:${listen}
workers: ${extra.workers ?? 2}
io_backend: ${io}
admin:
  listen: 127.0.0.1:${adminPort}
${extra.adminYaml ?? ''}
store:
  kind: sqlite
  path: ${path.join(dir, 'sluice.db')}
idl: [${extra.idl ?? INTEROP_IDL}]
${body}`);
  const proc = spawnSluice(['start', '--config', config], { env: extra.env });
  try {
    await proc.waitFor(/serving http:\/\//, 30000);
    const m = await proc.waitFor(/io_backend=(\w+)/, 1000);
    if (m[1] !== io) throw new Error(`asked for io_backend=${io}, gateway says ${m[0]}`);
  } catch (e) {
    await proc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    adminPort, proc, dir,
    async metrics() {
      const res = await fetch(`http://127.0.0.1:${adminPort}/metrics`);
      return res.text();
    },
    async stop() {
      const code = await proc.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** The value of one `sluice_thrift_listener_events_total` series (0 when absent). */
export function listenerEvent(metrics: string, listener: string, event: string): number {
  const re = new RegExp(`^sluice_thrift_listener_events_total\\{listener="${listener.replace(/\./g, '\\.')}",event="${event}"\\} (\\d+)$`, 'm');
  const m = re.exec(metrics);
  return m ? Number(m[1]) : 0;
}

/** A framed-binary upstream that answers every call after `delayMs` with field 0 = `reply` (a string). */
export async function replyingUpstream(reply: string, delayMs = 0): Promise<{ port: number; received(): number; close(): Promise<void> }> {
  const socks = new Set<net.Socket>();
  let received = 0;
  const srv = net.createServer((s) => {
    socks.add(s);
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
        const h = new BinaryReader(new Uint8Array(buf.subarray(4, 4 + buf.readUInt32BE(0)))).readMessageBegin();
        buf = buf.subarray(4 + buf.readUInt32BE(0));
        received++;
        const w = new BinaryWriter();
        w.writeMessageBegin(h.name, MessageType.REPLY, h.seqid);
        w.writeStructBegin();
        w.writeFieldBegin(TType.STRING, 0);
        w.writeString(reply);
        w.writeFieldEnd();
        w.writeFieldStop();
        w.writeStructEnd();
        const bytes = framed(w.finish());
        if (delayMs > 0) setTimeout(() => s.write(bytes), delayMs);
        else s.write(bytes);
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    port: (srv.address() as net.AddressInfo).port,
    received: () => received,
    close: () => new Promise<void>((r) => { for (const s of socks) s.destroy(); srv.close(() => r()); }),
  };
}

/** Polls `check` every 50 ms until it holds; throws after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A CALL/ONEWAY message `name(1: string s)` (or no args when `s` is undefined), binary unless asked otherwise. */
export function callMessage(name: string, seqid: number, s?: string, type: MessageType = MessageType.CALL,
  protocol: 'binary' | 'compact' = 'binary'): Uint8Array {
  const w = protocol === 'binary' ? new BinaryWriter() : new CompactWriter();
  w.writeMessageBegin(name, type, seqid);
  w.writeStructBegin();
  if (s !== undefined) {
    w.writeFieldBegin(TType.STRING, 1);
    w.writeString(s);
    w.writeFieldEnd();
  }
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeMessageEnd();
  return w.finish();
}

/** A THeader frame (binary protocol id, no transforms) around `msg`, with KEYVALUE info headers. */
export function theader(msg: Uint8Array, seqid: number, headers: Record<string, string> = {}): Buffer {
  const varint = (n: number) => { const b: number[] = []; while (n >= 0x80) { b.push((n & 0x7f) | 0x80); n >>>= 7; } b.push(n); return b; };
  const info: number[] = [0, 0];  // protocol id binary, no transforms
  const entries = Object.entries(headers);
  if (entries.length > 0) {
    info.push(1, ...varint(entries.length));
    for (const [k, v] of entries) {
      const kb = Buffer.from(k), vb = Buffer.from(v);
      info.push(...varint(kb.length), ...kb, ...varint(vb.length), ...vb);
    }
  }
  while (info.length % 4 !== 0) info.push(0);
  const head = Buffer.alloc(10);
  head.writeUInt16BE(0x0fff, 0);
  head.writeUInt16BE(0, 2);
  head.writeInt32BE(seqid, 4);
  head.writeUInt16BE(info.length / 4, 8);
  return framed(Buffer.concat([head, Buffer.from(info), Buffer.from(msg)]));
}

/** The protocol message inside a THeader frame as RawClient returns it (without the length word). */
export function theaderPayload(frame: Buffer): Buffer {
  return frame.subarray(10 + frame.readUInt16BE(8) * 4);
}

/** A binary CALL of `fn` whose only argument, field 1, is a struct: `fields` writes that struct's fields. */
export function structArgCall(fn: string, seqid: number, fields: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter();
  w.writeMessageBegin(fn, MessageType.CALL, seqid);
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRUCT, 1);
  w.writeStructBegin();
  fields(w);
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish();
}

export function framed(msg: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  return Buffer.concat([len, Buffer.from(msg)]);
}

/** One decoded reply: header, and either the string success field, an exception field id, or a TApplicationException. */
export interface Reply {
  name: string;
  type: MessageType;
  seqid: number;
  /** Field 0 when it is a string. */
  success?: string;
  /** TApplicationException {message, type} for EXCEPTION messages. */
  appError?: { message: string; type: number };
}

export function decodeReply(payload: Uint8Array, protocol: 'binary' | 'compact' = 'binary'): Reply {
  const r = protocol === 'binary' ? new BinaryReader(payload) : new CompactReader(payload);
  const h = r.readMessageBegin();
  const out: Reply = { name: h.name, type: h.type, seqid: h.seqid };
  r.readStructBegin();
  let message = '';
  let type = 0;
  for (;;) {
    const t = r.readFieldBegin();
    if (t === TType.STOP) break;
    const id = r.fieldId;
    if (h.type === MessageType.EXCEPTION && id === 1 && t === TType.STRING) message = r.readString();
    else if (h.type === MessageType.EXCEPTION && id === 2 && t === TType.I32) type = r.readI32();
    else if (id === 0 && t === TType.STRING) out.success = r.readString();
    else r.skip(t);
    r.readFieldEnd();
  }
  if (h.type === MessageType.EXCEPTION) out.appError = { message, type };
  return out;
}

/** A raw client socket that collects framed replies. */
export class RawClient {
  readonly sock: net.Socket;
  #buf = Buffer.alloc(0);
  #frames: Buffer[] = [];
  #waiters: Array<() => void> = [];
  closed = false;
  readonly #ready: Promise<void>;

  constructor(port: number) {
    this.sock = net.connect(port, '127.0.0.1');
    this.sock.on('error', () => undefined);
    this.#ready = new Promise((resolve, reject) => {
      this.sock.once('connect', () => resolve());
      this.sock.once('error', reject);
    });
    this.sock.on('data', (d: Buffer) => {
      this.#buf = Buffer.concat([this.#buf, d]);
      while (this.#buf.length >= 4 && this.#buf.length >= 4 + this.#buf.readUInt32BE(0)) {
        const n = this.#buf.readUInt32BE(0);
        this.#frames.push(this.#buf.subarray(4, 4 + n));
        this.#buf = this.#buf.subarray(4 + n);
      }
      this.#wake();
    });
    this.sock.on('close', () => { this.closed = true; this.#wake(); });
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  async send(bytes: Uint8Array): Promise<void> {
    await this.#ready;
    this.sock.write(bytes);
  }

  /** Resolves with the next `n` framed replies; rejects when the socket closes first or after `timeoutMs`. */
  async replies(n: number, timeoutMs = 5000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.#frames.length < n) {
      if (this.closed) throw new Error(`connection closed after ${this.#frames.length} of ${n} replies`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${this.#frames.length} of ${n} replies`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    return this.#frames.splice(0, n);
  }

  /** Resolves true once the peer closed the connection, false after `timeoutMs`. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.#waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    return this.closed;
  }

  close(): void {
    this.sock.destroy();
  }
}
