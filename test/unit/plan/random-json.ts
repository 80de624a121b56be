/**
 * Typed random JSON for the differential tests: for any schema type, JSON text that the §5 input rules accept
 * (or, with `poison`, text in which some scalar leaves have the wrong JSON type). Seeded, so failures replay.
 */
import type { Schema, TypeRef } from '../../../src/idl/model';

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '\u001f', 'é', 'ß', 'パ', '€', '\u2028', '😀', '𝄞', '{', '}'];
const DOUBLES = [0, -0, 1, -1, 0.25, 1.5, -5.235098235, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, 2 ** 53 - 1, 0.1 + 0.2, NaN, Infinity, -Infinity];
const INT_BOUNDS: Record<string, [bigint, bigint]> = {
  i8: [-128n, 127n], i16: [-32768n, 32767n], i32: [-2147483648n, 2147483647n], i64: [-(2n ** 63n), 2n ** 63n - 1n],
};

export interface GenOptions {
  /** Chance that a scalar leaf gets a value of the wrong JSON type. */
  readonly poison?: number;
  /** Struct nesting beyond which optional struct-typed fields are left out. */
  readonly maxDepth?: number;
}

/** True when every map reachable from `t` has scalar keys (JSON can express it). */
export function jsonExpressible(schema: Schema, t: TypeRef, seen = new Set<string>()): boolean {
  switch (t.kind) {
    case 'list': case 'set': return jsonExpressible(schema, t.elem, seen);
    case 'map':
      if (['struct', 'list', 'set', 'map'].includes(t.key.kind)) return false;
      return jsonExpressible(schema, t.key, seen) && jsonExpressible(schema, t.value, seen);
    case 'struct': {
      if (seen.has(t.name)) return true;
      seen.add(t.name);
      const def = schema.definitions.get(t.name);
      if (!def || (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception')) return false;
      return def.fields.every((f) => jsonExpressible(schema, f.type, seen));
    }
    default: return true;
  }
}

export class JsonGen {
  readonly #r: () => number;
  poisoned = 0;
  #uniq = 0;

  constructor(readonly schema: Schema, seed: number, readonly opts: GenOptions = {}) {
    this.#r = rng(seed);
  }

  #int(n: number): number {
    return Math.floor(this.#r() * n);
  }

  #pick<T>(xs: ReadonlyArray<T>): T {
    return xs[this.#int(xs.length)]!;
  }

  #poison(): string | undefined {
    if (!this.opts.poison || this.#r() >= this.opts.poison) return undefined;
    this.poisoned++;
    return this.#pick(['{}', '[]', '"not a value"', 'true']);
  }

  string(): string {
    let s = '';
    const n = this.#int(8);
    for (let i = 0; i < n; i++) s += this.#pick(CHARS);
    return s;
  }

  bigint(kind: string): bigint {
    const [lo, hi] = INT_BOUNDS[kind]!;
    const roll = this.#int(6);
    if (roll === 0) return lo;
    if (roll === 1) return hi;
    if (roll === 2) return BigInt(this.#int(200) - 100);
    const span = hi - lo + 1n;
    let x = 0n;
    for (let i = 0; i < 4; i++) x = (x << 16n) | BigInt(this.#int(65536));
    return lo + (x % span);
  }

  bytes(): Uint8Array {
    const b = new Uint8Array(this.#int(12));
    for (let i = 0; i < b.length; i++) b[i] = this.#int(256);
    return b;
  }

  base64(b: Uint8Array): string {
    const std = Buffer.from(b).toString('base64');
    switch (this.#int(4)) {
      case 0: return std.replace(/=+$/, '');
      case 1: return std.replace(/\+/g, '-').replace(/\//g, '_');
      default: return std;
    }
  }

  doubleText(v: number): string {
    if (Number.isNaN(v)) return '"NaN"';
    if (v === Infinity) return '"Infinity"';
    if (v === -Infinity) return '"-Infinity"';
    if (Object.is(v, -0)) return '-0.0';
    return String(v);
  }

  uuid(): string {
    const h = Buffer.from(Array.from({ length: 16 }, () => this.#int(256))).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** JSON text of a random value of `t`. */
  value(t: TypeRef, depth = 0): string {
    switch (t.kind) {
      case 'bool': return this.#poison() ?? (this.#r() < 0.5 ? 'true' : 'false');
      case 'i8': case 'i16': case 'i32': case 'i64': {
        const p = this.#poison();
        if (p) return p;
        const v = this.bigint(t.kind).toString();
        return this.#r() < 0.25 ? `"${v}"` : v;
      }
      case 'double': return this.#poison() ?? this.doubleText(this.#pick(DOUBLES.concat([(this.#r() - 0.5) * 10 ** this.#int(30)])));
      case 'string': return this.#poison() ?? JSON.stringify(this.string());
      case 'binary': return this.#poison() ?? JSON.stringify(this.base64(this.bytes()));
      case 'uuid': return this.#poison() ?? JSON.stringify(this.uuid());
      case 'enum': {
        const p = this.#poison();
        if (p) return p;
        const def = this.schema.definitions.get(t.name);
        if (def?.kind !== 'enum' || def.members.length === 0) return String(this.#int(5));
        const m = this.#pick(def.members);
        return this.#r() < 0.5 ? JSON.stringify(m.name) : String(m.value);
      }
      case 'list': case 'set': {
        const n = depth > 4 ? 0 : this.#int(4);
        const items = Array.from({ length: n }, () => this.value(t.elem, depth + 1));
        if (t.kind === 'list') return `[${items.join(',')}]`;
        // A set holds distinct values (as JS Set sees them), so typed codecs keep every element.
        const seen = new Set<string>();
        return `[${items.filter((j) => { const k = this.#canon(t.elem, j); if (seen.has(k)) return false; seen.add(k); return true; }).join(',')}]`;
      }
      case 'map': {
        const n = depth > 4 ? 0 : this.#int(4);
        const keys = new Map<string, string>();
        for (let i = 0; i < n * 2 && keys.size < n; i++) {
          const k = this.mapKey(t.key);
          const c = this.#canon(t.key, JSON.stringify(k));
          if (!keys.has(c)) keys.set(c, k);
        }
        return `{${[...keys.values()].map((k) => `${JSON.stringify(k)}:${this.value(t.value, depth + 1)}`).join(',')}}`;
      }
      case 'struct': return this.struct(t.name, depth + 1);
    }
  }

  /** The value identity JS Set/Map use for the JSON text `j` of type `t` (SameValueZero); unique otherwise. */
  #canon(t: TypeRef, j: string): string {
    try {
      return this.#canonOf(t, JSON.parse(j) as unknown);
    } catch {
      return `#${this.#uniq++}`;  // a poisoned (wrong-typed) value: distinct from everything
    }
  }

  #canonOf(t: TypeRef, v: unknown): string {
    switch (t.kind) {
      case 'bool': return String(v);
      case 'i8': case 'i16': case 'i32': case 'i64': return BigInt(String(v)).toString();
      case 'double': {
        const n = typeof v === 'string' ? (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v)) : Number(v);
        return Number.isNaN(n) ? 'NaN' : String(n === 0 ? 0 : n);
      }
      case 'string': return `s${String(v)}`;
      case 'enum': {
        const def = this.schema.definitions.get(t.name);
        const m = def?.kind === 'enum' ? def.members.find((x) => x.name === v) : undefined;
        return String(m ? m.value : v);
      }
      default: return `#${this.#uniq++}`;  // binary, uuid, structs: compared by identity
    }
  }

  mapKey(t: TypeRef): string {
    switch (t.kind) {
      case 'bool': return this.#r() < 0.5 ? 'true' : 'false';
      case 'i8': case 'i16': case 'i32': case 'i64': return this.bigint(t.kind).toString();
      case 'double': {
        const v = this.#pick(DOUBLES);
        const s = this.doubleText(v);
        return s.startsWith('"') ? (JSON.parse(s) as string) : s;
      }
      case 'string': return this.string();
      case 'binary': return this.base64(this.bytes());
      case 'uuid': return this.uuid();
      case 'enum': {
        const def = this.schema.definitions.get(t.name);
        if (def?.kind !== 'enum' || def.members.length === 0) return String(this.#int(5));
        const m = this.#pick(def.members);
        return this.#r() < 0.5 ? m.name : String(m.value);
      }
      default: return 'x';
    }
  }

  struct(name: string, depth: number): string {
    const def = this.schema.definitions.get(name);
    if (!def || (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception')) return '{}';
    const keyOf = (f: (typeof def.fields)[number]) => f.annotations.find((a) => a.name === 'api.body' && a.value !== '')?.value ?? f.name;
    const maxDepth = this.opts.maxDepth ?? 3;
    const shallow = (t: TypeRef) => t.kind !== 'struct' && !(t.kind === 'list' || t.kind === 'set' || t.kind === 'map');
    if (def.kind === 'union') {
      const choices = depth > maxDepth ? def.fields.filter((f) => shallow(f.type)) : def.fields;
      const f = choices.length ? this.#pick(choices) : def.fields[0];
      if (!f) return '{}';
      return `{${JSON.stringify(keyOf(f))}:${this.value(f.type, depth)}}`;
    }
    const parts: string[] = [];
    for (const f of def.fields) {
      const needed = f.requiredness === 'required' && f.default === undefined;
      if (!needed && (this.#r() < 0.3 || (depth > maxDepth && !shallow(f.type)))) continue;
      parts.push(`${JSON.stringify(keyOf(f))}:${this.value(f.type, depth)}`);
    }
    // Shuffle keys: the transcoders must not depend on the client's key order.
    for (let i = parts.length - 1; i > 0; i--) {
      const j = this.#int(i + 1);
      [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    }
    return `{${parts.join(',')}}`;
  }
}
