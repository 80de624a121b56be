/** Unsigned LEB128 varints as THeader uses them (32-bit). */
import { BadHeaderError } from './errors';

/** Appends `v` (0 ≤ v < 2^32) as a varint. */
export function pushVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** A cursor over a bounded region that reads varints and byte strings, rejecting overruns. */
export class VarintCursor {
  constructor(private readonly b: Uint8Array, public pos: number, private readonly end: number) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let result = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw BadHeaderError('THeader varint runs past the header');
      const byte = this.b[this.pos++]!;
      result += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return result;
    }
    throw BadHeaderError('THeader varint longer than 5 bytes');
  }

  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) throw BadHeaderError('THeader string runs past the header');
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
