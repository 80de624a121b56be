/**
 * Cursor over one input buffer shared by both protocol readers: bounds checks, depth accounting and
 * the limits of ReadLimits. Every length is checked here against what remains BEFORE anything is allocated.
 */
import type { ReadLimits, TType } from './protocol';
import {
  DEFAULT_MAX_DEPTH, ThriftDepthExceededError, ThriftNegativeSizeError, ThriftSizeLimitError, ThriftTruncatedError,
} from './errors';
import { decodeShortAscii } from './utf8';

export abstract class ReadBuffer {
  /** Not owned: the caller keeps the input alive and unchanged while reading. */
  protected buf: Uint8Array;
  #nodeBuf: Buffer | undefined;
  #view: DataView | undefined;
  protected pos: number;
  protected end: number;
  protected depth = 0;
  protected readonly maxDepth: number;
  protected readonly maxStringBytes: number;
  protected readonly maxContainerSize: number;

  constructor(input: Uint8Array, limits: ReadLimits = {}) {
    // A Buffer's slice() is a view, not a copy: read through a plain Uint8Array so readBinary copies.
    this.buf = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.pos = 0;
    this.end = input.length;
    this.maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxStringBytes = limits.maxStringBytes ?? Infinity;
    this.maxContainerSize = limits.maxContainerSize ?? Infinity;
  }

  /** DataView over the input, made on first use: small messages often need none. */
  protected get view(): DataView {
    return (this.#view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  /** Buffer view over the input (for its native UTF-8 decoder), made on first use. */
  protected get nodeBuf(): Buffer {
    return (this.#nodeBuf ??= Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.pos;
  }

  /** Bytes not consumed yet. */
  get remaining(): number {
    return this.end - this.pos;
  }

  protected need(n: number): void {
    if (this.end - this.pos < n) {
      throw ThriftTruncatedError(`input ends after ${this.end} bytes; ${n} more needed at offset ${this.pos}`);
    }
  }

  protected enter(): void {
    if (++this.depth > this.maxDepth) {
      throw ThriftDepthExceededError(`structs and containers nest deeper than ${this.maxDepth} at offset ${this.pos}`);
    }
  }

  protected leave(): void {
    this.depth--;
  }

  /** Validates a string/binary length: not negative, within limits, present in the input. */
  protected checkLength(len: number): void {
    if (len < 0) throw ThriftNegativeSizeError(`negative length ${len} at offset ${this.pos}`);
    if (len > this.maxStringBytes) {
      throw ThriftSizeLimitError(`length ${len} exceeds the limit of ${this.maxStringBytes} bytes at offset ${this.pos}`);
    }
    this.need(len);
  }

  /** Validates a container size given the smallest wire size of one element (or entry). */
  protected checkSize(size: number, minElemBytes: number): void {
    if (size < 0) throw ThriftNegativeSizeError(`negative container size ${size} at offset ${this.pos}`);
    if (size > this.maxContainerSize) {
      throw ThriftSizeLimitError(`container size ${size} exceeds the limit of ${this.maxContainerSize} at offset ${this.pos}`);
    }
    if (size * minElemBytes > this.end - this.pos) {
      throw ThriftTruncatedError(`container of ${size} elements cannot fit in the ${this.end - this.pos} bytes left at offset ${this.pos}`);
    }
  }

  protected utf8(len: number): string {
    this.checkLength(len);
    const start = this.pos;
    this.pos += len;
    // Invalid UTF-8 becomes U+FFFD rather than an error: a gateway relays what the peer sent.
    return decodeShortAscii(this.buf, start, start + len) ?? this.nodeBuf.toString('utf8', start, start + len);
  }

  protected bytes(len: number): Uint8Array {
    this.checkLength(len);
    const start = this.pos;
    this.pos += len;
    return this.buf.slice(start, start + len);
  }

  protected abstract minWireSize(type: TType): number;
}
