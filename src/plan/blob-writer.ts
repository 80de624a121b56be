/** Little-endian byte writer for plan blobs (layout: docs/design/transcoder.md). */

const utf8 = new TextEncoder();

export class BlobWriter {
  #buf = new Uint8Array(1024);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.#room(1);
    this.#buf[this.#len++] = v & 0xff;
  }

  u16(v: number): void {
    this.#room(2);
    this.#view.setUint16(this.#len, v & 0xffff, true);
    this.#len += 2;
  }

  u32(v: number): void {
    this.#room(4);
    this.#view.setUint32(this.#len, v >>> 0, true);
    this.#len += 4;
  }

  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  /** u32 byte length + UTF-8 bytes. */
  str(s: string): void {
    const b = utf8.encode(s);
    this.u32(b.length);
    this.bytes(b);
  }

  /** A copy of everything written. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}
