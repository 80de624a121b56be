/**
 * The one growable byte buffer both protocol writers append to. Subclasses write bytes straight into
 * `buf` after `ensure(n)`; nothing is allocated per primitive.
 */
import { ThriftInvalidValueError } from './errors';
import { encodeUtf8Into } from './utf8';

const INITIAL_CAPACITY = 256;

export abstract class WriteBuffer {
  /** Owned by this writer; replaced (never shrunk) when it grows. */
  protected buf: Uint8Array;
  protected view: DataView;
  protected pos = 0;

  constructor(initialCapacity = INITIAL_CAPACITY) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes at `pos`. */
  protected ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.grow(n);
  }

  private grow(n: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Encodes `str` at `at` (room for str.length*3 bytes must already be ensured); returns its byte length. */
  protected utf8At(at: number, str: string): number {
    return encodeUtf8Into(this.buf, at, str);
  }

  protected writeRaw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  protected writeUuidBytes(value: Uint8Array): void {
    if (value.length !== 16) throw ThriftInvalidValueError(`uuid must be 16 bytes, got ${value.length}`);
    this.writeRaw(value);
  }

  /** Everything written so far, as one view (valid until the next write or reset). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Start over, keeping the allocated buffer. */
  reset(): void {
    this.pos = 0;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }
}
