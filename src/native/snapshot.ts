/**
 * The immutable configuration the native engine serves from, and its binary encoding.
 * Wire format: see native/src/engine/snapshot.cc (little-endian, length-prefixed strings).
 */

/** A plain HTTP reverse-proxy target (contract §3 `proxy:`). */
export interface ProxyTarget {
  kind: 'proxy';
  /** "host:port" each; resolved once when the snapshot is published, never per request. */
  endpoints: string[];
  stripPrefix?: string;
  balance?: 'round_robin' | 'least_request';
  connectTimeoutMs: number;
  timeoutMs: number;
  /** Per worker. */
  maxConnections: number;
}

/** A REST→Thrift target: `plan` comes from src/plan (opaque to the engine). */
export interface ThriftTarget {
  kind: 'thrift';
  upstream: string;
  plan: Uint8Array;
}

export interface SnapshotRoute {
  id: string;
  methods: string[] | '*';
  path: string;
  target: ProxyTarget | ThriftTarget;
}

/** A Thrift upstream (contract §2 `upstreams`). */
export interface ThriftUpstreamSnapshot {
  name: string;
  endpoints: string[];
  transport: 'framed' | 'buffered' | 'header';
  protocol: 'binary' | 'compact';
  connectTimeoutMs: number;
  timeoutMs: number;
  maxConnections: number;
  multiplexedName?: string;
}

/** One IDL service on a Thrift listener (contract §8). */
export interface ListenerServiceSnapshot {
  /** `NS.Service`. */
  service: string;
  /** Names a multiplexed client may put before `:` to reach this service. */
  muxNames: string[];
  /** When set, calls are forwarded as `<upstreamMuxName>:<fn>` (the `services:` entry's multiplexed_name). */
  upstreamMuxName?: string;
  /** Every function a client can call, inherited ones too; oneway decided here, not by the message type. */
  functions: Array<{ name: string; oneway: boolean }>;
}

/** A Thrift-in listener (contract §8). Addresses are bound at engine start; later snapshots remap by `listen`. */
export interface ThriftListenerSnapshot {
  listen: string;
  transport: 'framed' | 'buffered' | 'header';
  protocol: 'binary' | 'compact';
  upstream: string;
  /** The first serves calls whose name has no `Service:` prefix. */
  services: ListenerServiceSnapshot[];
}

export interface EngineSnapshot {
  version: number;
  routes: SnapshotRoute[];
  thriftUpstreams: ThriftUpstreamSnapshot[];
  thriftListeners?: ThriftListenerSnapshot[];
}

class Writer {
  #chunks: Buffer[] = [];
  u8(v: number): void {
    this.#chunks.push(Buffer.from([v & 0xff]));
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.#chunks.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.#chunks.push(b);
  }
  bytes(v: Uint8Array): void {
    this.u32(v.length);
    this.#chunks.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  }
  str(v: string): void {
    this.bytes(Buffer.from(v, 'utf8'));
  }
  strs(v: string[]): void {
    this.u32(v.length);
    for (const s of v) this.str(s);
  }
  finish(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.#chunks));
  }
}

const TRANSPORTS = { framed: 0, buffered: 1, header: 2 } as const;
const PROTOCOLS = { binary: 0, compact: 1 } as const;

/** Encodes a snapshot into the bytes `publish` and `startEngine` hand to the native side. */
export function encodeSnapshot(s: EngineSnapshot): Uint8Array {
  const w = new Writer();
  w.u8(0x53); w.u8(0x4c); w.u8(0x53); w.u8(0x31); // "SLS1"
  w.u64(s.version);
  w.u32(s.routes.length);
  for (const r of s.routes) {
    w.str(r.id);
    w.u8(r.methods === '*' ? 1 : 0);
    w.strs(r.methods === '*' ? [] : r.methods.map((m) => m.toUpperCase()));
    w.str(r.path);
    if (r.target.kind === 'proxy') {
      const t = r.target;
      w.u8(1);
      w.strs(t.endpoints);
      w.str(t.stripPrefix ?? '');
      w.u8(t.balance === 'least_request' ? 1 : 0);
      w.u32(t.connectTimeoutMs);
      w.u32(t.timeoutMs);
      w.u32(t.maxConnections);
    } else {
      w.u8(2);
      w.str(r.target.upstream);
      w.bytes(r.target.plan);
    }
  }
  w.u32(s.thriftUpstreams.length);
  for (const u of s.thriftUpstreams) {
    w.str(u.name);
    w.strs(u.endpoints);
    w.u8(TRANSPORTS[u.transport]);
    w.u8(PROTOCOLS[u.protocol]);
    w.u32(u.connectTimeoutMs);
    w.u32(u.timeoutMs);
    w.u32(u.maxConnections);
    w.str(u.multiplexedName ?? '');
  }
  const listeners = s.thriftListeners ?? [];
  w.u32(listeners.length);
  for (const l of listeners) {
    w.str(l.listen);
    w.u8(TRANSPORTS[l.transport]);
    w.u8(PROTOCOLS[l.protocol]);
    w.str(l.upstream);
    w.u32(l.services.length);
    for (const svc of l.services) {
      w.str(svc.service);
      w.strs(svc.muxNames);
      w.str(svc.upstreamMuxName ?? '');
      w.u32(svc.functions.length);
      for (const f of svc.functions) {
        w.str(f.name);
        w.u8(f.oneway ? 1 : 0);
      }
    }
  }
  return w.finish();
}
