/** FF1 alphabets: map strings to numerals and back, one Unicode code point per numeral. */
import { PseudoBadInput } from './errors';
import { FF1_MAX_RADIX } from './ff1';

/** `0-9a-z`: the alphabet `--radix N` (N ≤ 36) uses, as in NIST's FF1 samples. */
export const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** An ordered set of distinct code points; numeral i is the i-th code point. */
export class Alphabet {
  readonly chars: readonly string[];
  readonly #index: Map<string, number>;

  constructor(chars: string) {
    this.chars = Array.from(chars);
    this.#index = new Map(this.chars.map((c, i) => [c, i]));
    if (this.#index.size !== this.chars.length) throw PseudoBadInput('FF1 alphabet repeats a character');
    if (this.chars.length < 2 || this.chars.length > FF1_MAX_RADIX) {
      throw PseudoBadInput(`FF1 alphabet needs 2..${FF1_MAX_RADIX} characters, got ${this.chars.length}`);
    }
  }

  /** The alphabet `--radix N` selects: the first N characters of 0-9a-z (N ≤ 36). */
  static ofRadix(radix: number): Alphabet {
    if (!Number.isInteger(radix) || radix < 2 || radix > BASE36.length) {
      throw PseudoBadInput(`--radix without --alphabet must be 2..36, got ${radix}`);
    }
    return new Alphabet(BASE36.slice(0, radix));
  }

  get radix(): number {
    return this.chars.length;
  }

  has(c: string): boolean {
    return this.#index.has(c);
  }

  /** Numerals of `s`; throws PseudoBadInput (without echoing `s`) if a character is outside the alphabet. */
  toNumerals(s: string): number[] {
    return Array.from(s, (c) => {
      const n = this.#index.get(c);
      if (n === undefined) throw PseudoBadInput('value has a character outside the FF1 alphabet');
      return n;
    });
  }

  fromNumerals(x: readonly number[]): string {
    return x.map((n) => this.chars[n]).join('');
  }
}
