/**
 * Finds where one Thrift message ends in an unframed (buffered) byte stream without decoding it, so a
 * buffered transport can cut messages out of a stream split at any byte offset. The walkers validate as
 * they go (version, type ids, negative sizes, nesting depth), which is also what turns garbage on a
 * buffered connection into a typed error instead of a hang waiting for bytes that will never come.
 */
import { BadMessageError, DepthLimitError, FrameTooLargeError } from './errors';

/** Returned when the bytes so far are a valid prefix of a message. */
export const NEED_MORE = -1;

export interface WalkLimits {
  /** Largest message in bytes (default 100 MiB). */
  readonly maxMessageBytes?: number;
  /** Struct/container nesting (default 64). */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

const needMore = Symbol('sluice.needMore');

/** Walks bytes of one protocol; `end()` throws `needMore` when input runs out. */
abstract class Walker {
  pos = 0;
  protected readonly maxDepth: number;
  protected readonly maxBytes: number;

  constructor(protected readonly b: Uint8Array, limits: WalkLimits) {
    this.maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxBytes = limits.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Advances over `n` bytes, or signals that they have not arrived yet. */
  advance(n: number): void {
    const next = this.pos + n;
    if (next > this.maxBytes) {
      throw FrameTooLargeError(`message exceeds the ${this.maxBytes}-byte limit`);
    }
    if (next > this.b.length) throw needMore;
    this.pos = next;
  }

  u8(): number {
    this.advance(1);
    return this.b[this.pos - 1]!;
  }

  enter(depth: number): number {
    if (depth + 1 > this.maxDepth) throw DepthLimitError(`nesting deeper than ${this.maxDepth}`);
    return depth + 1;
  }
}

class BinaryWalker extends Walker {
  i32(): number {
    this.advance(4);
    const b = this.b, p = this.pos - 4;
    return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
  }

  size(what: string): number {
    const n = this.i32();
    if (n < 0) throw BadMessageError(`negative ${what} size ${n}`);
    return n;
  }

  message(): void {
    const first = this.i32();
    let type: number;
    if (first < 0) {
      if ((first & 0xffff0000) !== (0x80010000 | 0)) {
        throw BadMessageError(`bad binary protocol version 0x${(first >>> 0).toString(16)}`);
      }
      type = first & 0xff;
      this.advance(this.size('name'));
    } else {
      // Old non-strict header: the first word is the name length.
      this.advance(first);
      type = this.u8();
    }
    if (type < 1 || type > 4) throw BadMessageError(`bad message type ${type}`);
    this.advance(4);
    this.value(12, 0);
  }

  value(type: number, depth: number): void {
    switch (type) {
      case 2: case 3: this.advance(1); return;
      case 6: this.advance(2); return;
      case 8: this.advance(4); return;
      case 4: case 10: this.advance(8); return;
      case 16: this.advance(16); return;
      case 11: this.advance(this.size('string')); return;
      case 12: {
        const d = this.enter(depth);
        for (;;) {
          const ft = this.u8();
          if (ft === 0) return;
          this.advance(2);
          this.value(ft, d);
        }
      }
      case 13: {
        const d = this.enter(depth);
        const kt = this.u8(), vt = this.u8();
        const n = this.size('map');
        if (n > 0) { checkBinaryType(kt); checkBinaryType(vt); }
        for (let i = 0; i < n; i++) { this.value(kt, d); this.value(vt, d); }
        return;
      }
      case 14: case 15: {
        const d = this.enter(depth);
        const et = this.u8();
        const n = this.size('list');
        if (n > 0) checkBinaryType(et);
        for (let i = 0; i < n; i++) this.value(et, d);
        return;
      }
      default:
        throw BadMessageError(`bad binary type id ${type}`);
    }
  }
}

function checkBinaryType(t: number): void {
  if (t < 2 || t > 16 || t === 5 || t === 7 || t === 9) throw BadMessageError(`bad binary type id ${t}`);
}

class CompactWalker extends Walker {
  varint(maxBytes: number): number {
    let result = 0;
    for (let i = 0; i < maxBytes; i++) {
      const byte = this.u8();
      if (i < 4) result += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return result;
    }
    throw BadMessageError(`varint longer than ${maxBytes} bytes`);
  }

  message(): void {
    if (this.u8() !== 0x82) throw BadMessageError('bad compact protocol id');
    const vt = this.u8();
    if ((vt & 0x1f) !== 1) throw BadMessageError(`bad compact protocol version ${vt & 0x1f}`);
    const type = vt >> 5;
    if (type < 1 || type > 4) throw BadMessageError(`bad message type ${type}`);
    this.varint(5);
    this.advance(this.varint(5));
    this.value(12, 0);
  }

  value(type: number, depth: number): void {
    switch (type) {
      case 1: case 2: this.advance(1); return; // bool as a container element
      case 3: this.advance(1); return;
      case 4: case 5: this.varint(5); return;
      case 6: this.varint(10); return;
      case 7: this.advance(8); return;
      case 8: this.advance(this.varint(5)); return;
      case 13: this.advance(16); return;
      case 12: {
        const d = this.enter(depth);
        for (;;) {
          const h = this.u8();
          if (h === 0) return;
          const ft = h & 0x0f;
          if ((h >> 4) === 0) this.varint(5);
          if (ft === 1 || ft === 2) continue; // bool field: value in the type nibble
          this.value(ft, d);
        }
      }
      case 9: case 10: {
        const d = this.enter(depth);
        const h = this.u8();
        let n = h >> 4;
        const et = h & 0x0f;
        if (n === 15) n = this.varint(5);
        if (n > 0) checkCompactType(et);
        for (let i = 0; i < n; i++) this.value(et, d);
        return;
      }
      case 11: {
        const d = this.enter(depth);
        const n = this.varint(5);
        if (n === 0) return;
        const kv = this.u8();
        checkCompactType(kv >> 4);
        checkCompactType(kv & 0x0f);
        for (let i = 0; i < n; i++) { this.value(kv >> 4, d); this.value(kv & 0x0f, d); }
        return;
      }
      default:
        throw BadMessageError(`bad compact type id ${type}`);
    }
  }
}

function checkCompactType(t: number): void {
  if (t < 1 || t > 13) throw BadMessageError(`bad compact type id ${t}`);
}

/**
 * Returns the length of the first complete message in `bytes`, or NEED_MORE when `bytes` is a valid
 * prefix. Throws BadMessageError / DepthLimitError / FrameTooLargeError for bytes no more input can fix.
 */
export function messageEnd(protocol: 'binary' | 'compact', bytes: Uint8Array, limits: WalkLimits = {}): number {
  const w = protocol === 'binary' ? new BinaryWalker(bytes, limits) : new CompactWalker(bytes, limits);
  try {
    w.message();
    return w.pos;
  } catch (e) {
    if (e === needMore) return NEED_MORE;
    throw e;
  }
}
