/** Seeded PRNG for property tests (hermetic and reproducible): env SLUICE_TEST_SEED overrides the seed. */

export const SEED = Number(process.env.SLUICE_TEST_SEED ?? 0x5eed1234);

/** xorshift32 generator with helpers for bytes, integers and strings over an alphabet. */
export class Rng {
  #s: number;

  constructor(seed = SEED) {
    this.#s = (seed >>> 0) || 1;
  }

  next(): number {
    let x = this.#s;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.#s = x;
    return x;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.next() & 0xff;
    return b;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }

  string(chars: readonly string[], len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += this.pick(chars);
    return s;
  }

  /** A uniformly random signed integer of `bits` bits as bigint. */
  signed(bits: 32 | 64): bigint {
    const raw = BigInt('0x' + this.bytes(bits / 8).toString('hex'));
    return BigInt.asIntN(bits, raw);
  }
}
