/**
 * Parsed JSON as the converters take it. Numbers keep their source text (JsonNumber) so that i64 and
 * doubles are converted exactly once, from digits, never through an intermediate double.
 * Plain JS values (number, bigint, Uint8Array for binary, ordinary objects) are accepted too, so that
 * callers can hand over values they built themselves.
 */

/** A JSON number kept as its exact source text. */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Object with a null prototype: `__proto__` and `constructor` are ordinary keys. */
export interface JsonObject {
  [key: string]: JsonValue;
}

export type JsonValue =
  | null | boolean | string | JsonNumber | number | bigint | Uint8Array | JsonValue[] | JsonObject;

/** True for JSON objects (not arrays, numbers, byte arrays or null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber) && !(v instanceof Uint8Array);
}

/**
 * Key order as the client sent it. JS objects list integer-like keys first, in ascending order; the parser
 * records the real order here so that map entries reach the wire in the order they were written.
 */
export const KEY_ORDER: unique symbol = Symbol('sluice.jsonKeyOrder');

/** The object's keys in source order (parsed objects) or in JS property order (objects built in code). */
export function objectKeys(obj: JsonObject): string[] {
  return (obj as { [KEY_ORDER]?: string[] })[KEY_ORDER] ?? Object.keys(obj);
}

/** Own-property lookup that ignores inherited members (`constructor`, `toString`) of ordinary objects. */
export function ownValue(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
