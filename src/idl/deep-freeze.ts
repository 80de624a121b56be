/**
 * Freezes a built model in place, all the way down, so that the schema every layer shares cannot be
 * changed by one of them. Map and Set contents are frozen but the collections themselves are not (their
 * ReadonlyMap type already forbids writes); typed arrays cannot be frozen and are left as they are.
 */

/** Freezes `value` and everything reachable from it; returns `value`. */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value) || ArrayBuffer.isView(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) { deepFreeze(k, seen); deepFreeze(v, seen); }
    return value;
  }
  for (const v of Object.values(value)) deepFreeze(v, seen);
  return Object.freeze(value);
}
