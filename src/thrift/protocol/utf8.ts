/**
 * UTF-8 helpers for the protocol layer: an ASCII fast path in plain JS (short strings dominate Thrift
 * payloads and a call into TextEncoder costs more than the loop), the platform codec for the rest.
 */
const encoder = new TextEncoder();

/** Longest string encoded by the JS loop before handing over to TextEncoder.encodeInto. */
const LOOP_MAX = 64;

/**
 * Writes `str` as UTF-8 into `buf` at `at` and returns the byte count.
 * Precondition: `buf.length - at >= str.length * 3` (the worst case for UTF-16 input).
 * Lone surrogates become U+FFFD, as TextEncoder does.
 */
export function encodeUtf8Into(buf: Uint8Array, at: number, str: string): number {
  const n = str.length;
  if (n <= LOOP_MAX) {
    let i = 0;
    for (; i < n; i++) {
      const c = str.charCodeAt(i);
      if (c >= 0x80) break;
      buf[at + i] = c;
    }
    if (i === n) return n;
    return i + encoder.encodeInto(i === 0 ? str : str.slice(i), buf.subarray(at + i)).written;
  }
  return encoder.encodeInto(str, buf.subarray(at)).written;
}

/** Exact UTF-8 byte length of `str` (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(str: string): number {
  let len = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) len += 1;
    else if (c < 0x800) len += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { len += 4; i++; } else len += 3;
    } else len += 3;
  }
  return len;
}

/** Longest slice decoded by the JS loop; longer ones go to Buffer's native decoder. */
const DECODE_LOOP_MAX = 24;

/**
 * Decodes `buf[start, end)` in plain JS when it is short and pure ASCII (the common case, and cheaper
 * than a native call); undefined otherwise, and the caller uses the platform decoder.
 */
export function decodeShortAscii(buf: Uint8Array, start: number, end: number): string | undefined {
  if (end - start > DECODE_LOOP_MAX) return undefined;
  let s = '';
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x80) return undefined;
    s += String.fromCharCode(c);
  }
  return s;
}
