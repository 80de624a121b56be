/** Exact number-text conversions: integers from JSON number text or decimal strings, never through a double. */

const PLAIN_INT = /^-?\d+$/;
const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** A value beyond every Thrift integer range, returned for huge exponents instead of building a huge bigint. */
const HUGE = 10n ** 40n;

/** What integer parsing found: the exact value, a non-integral number, or text that is no number at all. */
export type IntegerText = bigint | 'fraction' | 'syntax';

/** The exact integer `text` denotes (`12`, `-3`, `1e3`, `2.0`, `007`), or why it does not denote one. */
export function integerFromText(text: string): IntegerText {
  if (PLAIN_INT.test(text)) return BigInt(text);
  const m = JSON_NUMBER.exec(text);
  if (!m) return 'syntax';
  let digits = m[2]! + (m[3] ?? '');
  let exp = Number(m[4] ?? '0') - (m[3]?.length ?? 0);
  while (exp < 0 && digits.length > 1 && digits.endsWith('0')) { digits = digits.slice(0, -1); exp++; }
  if (/^0+$/.test(digits)) return 0n;
  if (exp < 0) return 'fraction';
  const magnitude = exp > 40 ? HUGE : BigInt(digits) * 10n ** BigInt(exp);
  return m[1] === '-' ? -magnitude : magnitude;
}

/** True when `text` is JSON number syntax (what a double accepts from a string besides NaN/Infinity). */
export function isNumberText(text: string): boolean {
  return JSON_NUMBER.test(text) && !/^-?0\d/.test(text);
}

/** Inclusive bounds per Thrift integer kind. */
export const INT_RANGE = {
  i8: [-128n, 127n],
  i16: [-32768n, 32767n],
  i32: [-2147483648n, 2147483647n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;
