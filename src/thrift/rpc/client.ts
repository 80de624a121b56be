/**
 * The RPC client: one TCP connection implementing RpcCaller for generated clients. Calls are pipelined
 * (any number outstanding, each with its own seqid), replies are matched by seqid in whatever order they
 * arrive, every call has its own timeout, and oneway calls resolve as soon as their bytes are handed to
 * the socket.
 */
import * as net from 'node:net';
import { MessageType, type ProtocolReader, type ProtocolWriter } from '../protocol/protocol';
import type { Dialect, ProtocolName, StreamLimits, TransportName } from '../transport/dialect';
import { MessageDecoder } from '../transport/message-decoder';
import { encodeMessage } from '../transport/message-encoder';
import { coalescingWriter } from '../transport/write-coalescer';
import { readApplicationException } from './application-exception';
import { RpcBadReplyError, RpcConnectError, RpcConnectionClosedError, RpcTimeoutError } from './errors';
import { multiplexedName } from './multiplexed';
import { defaultProtocols, type ProtocolFactories } from './protocols';
import type { CallOptions, RpcCaller } from './types';

export interface ClientOptions extends StreamLimits {
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default `framed`. */
  readonly transport?: TransportName;
  /** Default `binary`. */
  readonly protocol?: ProtocolName;
  /** Set to talk to a multiplexed server: method names go out as `<multiplexedName>:<method>`. */
  readonly multiplexedName?: string;
  /** Default per-call timeout in ms (0 = none). Default 30000. */
  readonly timeoutMs?: number;
  /** Connect timeout in ms. Default 10000. */
  readonly connectTimeoutMs?: number;
  /** THeader only: info key/values sent with every call (e.g. `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** THeader only: wrap each THeader frame in a framed-transport frame (Apache's header-over-framed). */
  readonly outerFrame?: boolean;
  /** THeader only: transforms for outgoing calls (`[HeaderTransform.ZLIB]`). */
  readonly headerTransforms?: readonly number[];
  /** Protocol implementations; the library's own by default. */
  readonly protocols?: ProtocolFactories;
}

/** An RpcCaller bound to one connection. */
export interface RpcClient extends RpcCaller {
  /** Calls sent and not yet answered, failed or timed out. */
  readonly outstanding: number;
  /** Resolves when the connection has closed, for whatever reason. */
  readonly closed: Promise<void>;
  /** Stops sending, waits for outstanding replies (at most `graceMs`, default 5000), then closes. */
  close(graceMs?: number): Promise<void>;
  /** Closes now; outstanding calls fail with SLUICE_E_RPC_CONNECTION_CLOSED. */
  destroy(): void;
}

interface Pending {
  /** The bare method name a reply must carry. */
  readonly method: string;
  readonly readResult: (r: ProtocolReader) => unknown;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  timer: NodeJS.Timeout | undefined;
}

/** Connects to `host:port` and resolves with a client once the TCP connection is up. */
export function createClient(opts: ClientOptions): Promise<RpcClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: opts.host ?? '127.0.0.1', port: opts.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(RpcConnectError(`connect to ${opts.host ?? '127.0.0.1'}:${opts.port} timed out`));
    }, opts.connectTimeoutMs ?? 10_000);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(RpcConnectError(`connect to ${opts.host ?? '127.0.0.1'}:${opts.port} failed: ${err.message}`, { cause: err }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new SocketClient(socket, opts));
    });
  });
}

class SocketClient implements RpcClient {
  readonly #socket: net.Socket;
  readonly #write: (bytes: Uint8Array) => boolean;
  readonly #dialect: Dialect;
  readonly #decoder: MessageDecoder;
  readonly #protocols: ProtocolFactories;
  readonly #pending = new Map<number, Pending>();
  readonly #opts: ClientOptions;
  #writer: ProtocolWriter | undefined;
  #nextSeqid = 1;
  #failure: Error | undefined;
  #closing = false;
  #drained: (() => void) | undefined;
  readonly closed: Promise<void>;

  constructor(socket: net.Socket, opts: ClientOptions) {
    this.#socket = socket;
    this.#write = coalescingWriter(socket);
    this.#opts = opts;
    const transport = opts.transport ?? 'framed';
    const protocol = opts.protocol ?? 'binary';
    const outerFrame = opts.outerFrame === true;
    this.#dialect = { transport, protocol, headerFlags: 0, headerTransforms: opts.headerTransforms ?? [], outerFrame };
    // A THeader client accepts a reply in any client type, as Apache's C++ THeaderTransport does (npm thrift's
    // THeader server over a buffered transport answers in plain unframed binary).
    this.#decoder = new MessageDecoder(transport === 'header' ? 'sniff' : transport, protocol, opts, outerFrame);
    this.#protocols = opts.protocols ?? defaultProtocols;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.#fail(RpcConnectionClosedError(`connection failed: ${err.message}`, { cause: err })));
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.#fail(RpcConnectionClosedError('connection closed'));
      resolve();
    }));
    socket.on('end', () => {
      try {
        this.#decoder.end();
      } catch (e) {
        this.#fail(e as Error);
      }
      socket.end();
    });
  }

  get outstanding(): number {
    return this.#pending.size;
  }

  call<T>(method: string, oneway: boolean, writeArgs: (w: ProtocolWriter) => void,
    readResult: (r: ProtocolReader) => T, options?: CallOptions): Promise<T> {
    if (this.#failure !== undefined || this.#closing) {
      return Promise.reject(this.#failure ?? RpcConnectionClosedError('client is closing'));
    }
    const seqid = this.#allocateSeqid();
    const name = this.#opts.multiplexedName === undefined ? method : multiplexedName(this.#opts.multiplexedName, method);
    let bytes: Uint8Array;
    try {
      const w = this.#writer ??= this.#protocols[this.#dialect.protocol].writer();
      w.reset();
      w.writeMessageBegin(name, oneway ? MessageType.ONEWAY : MessageType.CALL, seqid);
      writeArgs(w);
      w.writeMessageEnd();
      const message = w.finish();
      // Buffered sends the writer's own bytes, and the writer is reused by the next call: copy.
      bytes = this.#dialect.transport === 'buffered' ? message.slice()
        : encodeMessage(message, this.#dialect, { seqid, headers: this.#opts.headers });
    } catch (e) {
      return Promise.reject(e);
    }
    if (oneway) {
      this.#write(bytes);
      return Promise.resolve(undefined as T);
    }
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { method, readResult, resolve: resolve as (v: unknown) => void, reject, timer: undefined };
      const timeoutMs = options?.timeoutMs ?? this.#opts.timeoutMs ?? 30_000;
      if (timeoutMs > 0) {
        pending.timer = setTimeout(() => {
          this.#settle(seqid);
          reject(RpcTimeoutError(`${method} got no reply within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.#pending.set(seqid, pending);
      this.#write(bytes);
    });
  }

  close(graceMs = 5000): Promise<void> {
    this.#closing = true;
    if (this.#pending.size === 0) {
      this.#socket.end();
      return this.closed;
    }
    const grace = setTimeout(() => this.destroy(), graceMs);
    this.#drained = () => {
      clearTimeout(grace);
      this.#socket.end();
    };
    return this.closed;
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #allocateSeqid(): number {
    // Signed i32 that wraps and skips ids still in flight.
    let id = this.#nextSeqid;
    while (this.#pending.has(id)) id = (id + 1) | 0;
    this.#nextSeqid = (id + 1) | 0;
    return id;
  }

  #settle(seqid: number): Pending | undefined {
    const p = this.#pending.get(seqid);
    if (p === undefined) return undefined;
    this.#pending.delete(seqid);
    if (p.timer !== undefined) clearTimeout(p.timer);
    if (this.#pending.size === 0 && this.#drained !== undefined) this.#drained();
    return p;
  }

  #onData(chunk: Buffer): void {
    let envelopes;
    try {
      envelopes = this.#decoder.push(chunk);
    } catch (e) {
      this.#fail(e as Error);
      this.#socket.destroy();
      return;
    }
    for (const env of envelopes) {
      try {
        this.#onReply(env.payload, env.dialect.protocol);
      } catch (e) {
        this.#fail(e as Error);
        this.#socket.destroy();
        return;
      }
    }
  }

  #onReply(payload: Uint8Array, protocol: ProtocolName): void {
    const r = this.#protocols[protocol].reader(payload);
    const header = r.readMessageBegin();
    // Unknown seqid: a reply to a call that already timed out. Dropping it keeps the connection useful.
    const p = this.#settle(header.seqid);
    if (p === undefined) return;
    if (header.name !== p.method && header.name !== this.#opts.multiplexedName + ':' + p.method) {
      p.reject(RpcBadReplyError(`reply for seqid ${header.seqid} names ${header.name}, the call was ${p.method}`));
      return;
    }
    if (header.type === MessageType.EXCEPTION) {
      let err: Error;
      try {
        err = readApplicationException(r);
      } catch (e) {
        err = RpcBadReplyError(`undecodable TApplicationException for ${header.name}`, { cause: e });
      }
      p.reject(err);
      return;
    }
    if (header.type !== MessageType.REPLY) {
      p.reject(RpcBadReplyError(`reply to ${header.name} has message type ${header.type}`));
      return;
    }
    let value: unknown;
    try {
      value = p.readResult(r);
    } catch (e) {
      p.reject(e);
      return;
    }
    p.resolve(value);
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    for (const seqid of [...this.#pending.keys()]) this.#settle(seqid)!.reject(this.#failure);
  }
}
