/**
 * FF1 (NIST SP 800-38G, Algorithms 7 and 8) reference over AES on node:crypto, with the Rev.1 domain
 * rule radix^len ≥ 10^6. Works on numeral arrays; alphabet.ts maps strings to numerals.
 */
import { AesBlock } from './aes-block';
import { PseudoBadInput } from './errors';

export const FF1_MIN_RADIX = 2;
export const FF1_MAX_RADIX = 65536;
/** Rev.1 floor on the domain size radix^len. */
export const FF1_MIN_DOMAIN = 1_000_000n;
const MAX_LEN = 0xffffffff;

/** Throws PseudoBadInput unless (radix, len) is an allowed FF1 domain under the Rev.1 rule. */
export function checkFf1Domain(radix: number, len: number): void {
  if (!Number.isInteger(radix) || radix < FF1_MIN_RADIX || radix > FF1_MAX_RADIX) {
    throw PseudoBadInput(`FF1 radix must be an integer in ${FF1_MIN_RADIX}..${FF1_MAX_RADIX}, got ${radix}`);
  }
  if (len < 2 || len > MAX_LEN) throw PseudoBadInput(`FF1 needs at least 2 numerals, got ${len}`);
  if (BigInt(radix) ** BigInt(len) < FF1_MIN_DOMAIN) {
    throw PseudoBadInput(`FF1 domain radix^len = ${radix}^${len} is below 10^6 (SP 800-38G Rev.1); use a longer value`);
  }
}

/** Smallest length whose FF1 domain is allowed for `radix`. */
export function ff1MinLength(radix: number): number {
  let len = 2;
  while (BigInt(radix) ** BigInt(len) < FF1_MIN_DOMAIN) len++;
  return len;
}

function num(x: readonly number[], radix: bigint): bigint {
  let n = 0n;
  for (const d of x) n = n * radix + BigInt(d);
  return n;
}

function str(n: bigint, radix: bigint, m: number): number[] {
  const out = new Array<number>(m);
  for (let i = m - 1; i >= 0; i--) {
    out[i] = Number(n % radix);
    n /= radix;
  }
  return out;
}

function bigToBytes(n: bigint, len: number): Buffer {
  const out = Buffer.alloc(len);
  for (let i = len - 1; i >= 0 && n > 0n; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** Per-call FF1 state: P, b, d and the keyed PRF (Algorithm 7 steps 1–5). */
class Ff1Round {
  readonly #aes: AesBlock;
  readonly #radix: bigint;
  readonly #tweak: Uint8Array;
  readonly #p: Buffer;
  readonly b: number;
  readonly #d: number;
  readonly u: number;
  readonly v: number;

  constructor(key: Uint8Array, tweak: Uint8Array, radix: number, n: number) {
    this.#aes = new AesBlock(key, 'FF1');
    this.#radix = BigInt(radix);
    this.#tweak = tweak;
    this.u = Math.floor(n / 2);
    this.v = n - this.u;
    const bits = (this.#radix ** BigInt(this.v) - 1n).toString(2).length;
    this.b = Math.ceil(bits / 8);
    this.#d = 4 * Math.ceil(this.b / 4) + 4;
    this.#p = Buffer.from([1, 2, 1, (radix >>> 16) & 0xff, (radix >>> 8) & 0xff, radix & 0xff, 10, this.u & 0xff,
      0, 0, 0, 0, 0, 0, 0, 0]);
    this.#p.writeUInt32BE(n, 8);
    this.#p.writeUInt32BE(tweak.length, 12);
  }

  /** y = NUM(S) for round i with the half `x` (Algorithm 7 steps 6.i–6.iv). */
  y(i: number, x: readonly number[]): bigint {
    const t = this.#tweak.length;
    const zeros = (((-t - this.b - 1) % 16) + 16) % 16;
    const q = Buffer.alloc(t + zeros + 1 + this.b);
    q.set(this.#tweak);
    q[t + zeros] = i;
    bigToBytes(num(x, this.#radix), this.b).copy(q, t + zeros + 1);
    const r = this.#aes.cbcMac(Buffer.concat([this.#p, q]));
    const blocks = [r];
    for (let j = 1; blocks.length * 16 < this.#d; j++) {
      const x2 = Buffer.from(r);
      x2.writeUInt32BE((x2.readUInt32BE(12) ^ j) >>> 0, 12);
      blocks.push(this.#aes.encrypt(x2));
    }
    return BigInt('0x' + Buffer.concat(blocks).subarray(0, this.#d).toString('hex'));
  }
}

function checkNumerals(x: readonly number[], radix: number): void {
  checkFf1Domain(radix, x.length);
  for (const d of x) {
    if (!Number.isInteger(d) || d < 0 || d >= radix) throw PseudoBadInput(`FF1 numeral outside radix ${radix}`);
  }
}

/** FF1.Encrypt(K, T, X) over numerals in [0, radix); returns a new array of the same length. */
export function ff1EncryptNumerals(key: Uint8Array, tweak: Uint8Array, radix: number, x: readonly number[]): number[] {
  checkNumerals(x, radix);
  const r = new Ff1Round(key, tweak, radix, x.length);
  const bigRadix = BigInt(radix);
  let a = x.slice(0, r.u);
  let b = x.slice(r.u);
  for (let i = 0; i < 10; i++) {
    const m = i % 2 === 0 ? r.u : r.v;
    const mod = bigRadix ** BigInt(m);
    const c = str((num(a, bigRadix) + r.y(i, b)) % mod, bigRadix, m);
    a = b;
    b = c;
  }
  return a.concat(b);
}

/** FF1.Decrypt(K, T, Y): the inverse of ff1EncryptNumerals. */
export function ff1DecryptNumerals(key: Uint8Array, tweak: Uint8Array, radix: number, y: readonly number[]): number[] {
  checkNumerals(y, radix);
  const r = new Ff1Round(key, tweak, radix, y.length);
  const bigRadix = BigInt(radix);
  let a = y.slice(0, r.u);
  let b = y.slice(r.u);
  for (let i = 9; i >= 0; i--) {
    const m = i % 2 === 0 ? r.u : r.v;
    const mod = bigRadix ** BigInt(m);
    const c = str((((num(b, bigRadix) - r.y(i, a)) % mod) + mod) % mod, bigRadix, m);
    b = a;
    a = c;
  }
  return a.concat(b);
}
