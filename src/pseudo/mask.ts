/** Keyless, irreversible replacements: masking, redaction and constant replacement. */

export interface MaskOptions {
  /** Characters kept in clear at the start (default 0). */
  readonly keepFirst?: number;
  /** Characters kept in clear at the end (default 0). */
  readonly keepLast?: number;
  /** The replacement character (default `*`). */
  readonly char?: string;
  /** Characters left in place and not counted (separators such as `-` and ` `). */
  readonly skip?: string;
}

/**
 * Masks all but the first `keepFirst` and last `keepLast` countable characters (code points not in
 * `skip`). A value with no more countable characters than keepFirst + keepLast is masked entirely,
 * since showing it whole would defeat the mask.
 */
export function mask(value: string, opts: MaskOptions = {}): string {
  const chars = Array.from(value);
  const skip = new Set(Array.from(opts.skip ?? ''));
  const maskChar = opts.char ?? '*';
  const keepFirst = opts.keepFirst ?? 0;
  const keepLast = opts.keepLast ?? 0;
  const countable = chars.filter((c) => !skip.has(c)).length;
  const revealAny = countable > keepFirst + keepLast;
  let seen = 0;
  return chars.map((c) => {
    if (skip.has(c)) return c;
    const pos = seen++;
    const keep = revealAny && (pos < keepFirst || pos >= countable - keepLast);
    return keep ? c : maskChar;
  }).join('');
}

/** Redaction: the value is replaced by the empty string (the field stays present, so required fields still encode). */
export function redact(_value: string): string {
  return '';
}

/** Constant replacement: every value becomes `replacement`. */
export function constant(_value: string, replacement: string): string {
  return replacement;
}
