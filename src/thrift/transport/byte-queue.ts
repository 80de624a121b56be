/**
 * An append-only queue of received chunks that hands out contiguous views without copying when a
 * request fits in the first chunk. Ownership: pushed chunks belong to the queue until taken; views
 * returned by `take`/`peek` may alias them, so callers must not keep them across the next push
 * unless they copy (decoders copy payloads they hand upward only when they alias a reused buffer —
 * node socket chunks are never reused, so aliasing is safe here).
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #length = 0;

  /** Total bytes queued. */
  get length(): number {
    return this.#length;
  }

  /** Appends a chunk (kept by reference). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The first `n` bytes as one contiguous view (n ≤ length); merges chunks when needed. */
  peek(n: number): Uint8Array {
    if (n > this.#length) throw new RangeError(`peek ${n} > ${this.#length}`);
    const first = this.#chunks[0];
    if (first !== undefined && first.length >= n) return first.subarray(0, n);
    this.#merge(n);
    return this.#chunks[0]!.subarray(0, n);
  }

  /** All queued bytes as one contiguous view (without consuming them). */
  peekAll(): Uint8Array {
    return this.#length === 0 ? new Uint8Array(0) : this.peek(this.#length);
  }

  /** Removes and returns the first `n` bytes as one contiguous view. */
  take(n: number): Uint8Array {
    const view = this.peek(n);
    this.skip(n);
    return view;
  }

  /** Drops the first `n` bytes. */
  skip(n: number): void {
    this.#length -= n;
    while (n > 0) {
      const first = this.#chunks[0]!;
      if (first.length <= n) {
        n -= first.length;
        this.#chunks.shift();
      } else {
        this.#chunks[0] = first.subarray(n);
        n = 0;
      }
    }
  }

  #merge(n: number): void {
    const merged = new Uint8Array(Math.max(n, 0));
    let off = 0;
    while (off < n) {
      const c = this.#chunks.shift()!;
      const part = Math.min(c.length, n - off);
      merged.set(part === c.length ? c : c.subarray(0, part), off);
      off += part;
      if (part < c.length) this.#chunks.unshift(c.subarray(part));
    }
    this.#chunks.unshift(merged);
  }
}

/** Reads a big-endian u32 at `off`. */
export function readU32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) >>> 0) + (b[off + 1]! << 16) + (b[off + 2]! << 8) + b[off + 3]!;
}

/** Reads a big-endian u16 at `off`. */
export function readU16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}

/** Writes a big-endian u32 at `off`. */
export function writeU32(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}
