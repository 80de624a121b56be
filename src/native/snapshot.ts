/**
 * The immutable configuration the native engine serves from, and its binary encoding.
 * Wire format: see native/src/engine/snapshot.cc (little-endian, length-prefixed strings).
 */

import type { NativePolicySpec } from '../pseudo/native';

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
  /**
   * Every function a client can call, inherited ones too; oneway decided here, not by the message type. `plan`
   * (when the config has a pseudonymization section) carries the function's policy positions (src/plan).
   */
  functions: Array<{ name: string; oneway: boolean; plan?: Uint8Array }>;
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

/**
 * Contract §7 on the data plane: every policy (with its derived subkeys: these bytes go to the addon only, never
 * to logs) and the tokens whose bearer may have values re-identified.
 */
export interface SnapshotPseudo {
  policies: NativePolicySpec[];
  /** admin.tokens entries that carry the reidentify scope: name (for audit lines) and sha256 hex of the token. */
  reidentify: Array<{ name: string; sha256: string }>;
}

export interface EngineSnapshot {
  version: number;
  routes: SnapshotRoute[];
  thriftUpstreams: ThriftUpstreamSnapshot[];
  thriftListeners?: ThriftListenerSnapshot[];
  /** Absent: no pseudonymization section (plans then carry no policies). */
  pseudo?: SnapshotPseudo;
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
const METHODS = { siv: 0, ff1: 1, hmac: 2, mask: 3, redact: 4, constant: 5 } as const;
const EMAIL = { none: 0, keep: 1, pseudonymize: 2 } as const;
const ENCODINGS = { hex: 0, base32: 1, base64url: 2 } as const;

/** The pseudonymization section (layout in native/src/engine/pseudo_set.cc). */
function encodePseudo(w: Writer, p: SnapshotPseudo): void {
  w.u32(p.policies.length);
  for (const s of p.policies) {
    w.str(s.name);
    w.u8(METHODS[s.method]);
    w.str(s.domain);
    w.u8(s.onError === 'pass' ? 1 : 0);
    w.str(s.keyId ?? '');
    w.bytes(s.key ?? new Uint8Array(0));
    const siv = s.sivKeys ?? [];
    w.u32(siv.length);
    for (const [id, key] of siv) { w.str(id); w.bytes(key); }
    w.u8(EMAIL[s.email]);
    w.u8(s.emailNormalizeCase ? 1 : 0);
    w.str(s.alphabet ?? '');
    w.str(s.passthrough);
    w.u8(ENCODINGS[s.encoding]);
    w.u32(s.keepFirst);
    w.u32(s.keepLast);
    w.str(s.maskChar);
    w.str(s.constant);
  }
  w.u32(p.reidentify.length);
  for (const t of p.reidentify) {
    const digest = Buffer.from(t.sha256, 'hex');
    if (digest.length !== 32) throw new TypeError(`reidentify token '${t.name}': sha256 must be 64 hex digits`);
    w.bytes(digest);
    w.str(t.name);
  }
}
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
        w.bytes(f.plan ?? new Uint8Array(0));
      }
    }
  }
  if (s.pseudo) encodePseudo(w, s.pseudo);
  return w.finish();
}
