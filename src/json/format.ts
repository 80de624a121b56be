/** JSON text for scalars under the §5 rules; shared by the Thrift→JSON converter and the gateway. */

/** A JSON string literal (escapes quotes, backslashes, control characters and lone surrogates). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * A double as JSON: the shortest text that round-trips, `-0.0` for negative zero, and the strings
 * "NaN", "Infinity", "-Infinity" for the values JSON numbers cannot carry.
 */
export function jsonDouble(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0';
  if (Number.isFinite(v)) return String(v);
  return Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
}

/** A double as a map key (always a string). */
export function jsonDoubleKey(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0';
  if (Number.isFinite(v)) return String(v);
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}
