/**
 * UTF-8 helpers for the protocol layer: an ASCII fast path in plain JS (short strings dominate Thrift
 * payloads and a call into TextEncoder costs more than the loop), the platform codec for the rest.
 */
const encoder = new TextEncoder();

/** Longest string encoded by the JS loop before handing over to TextEncoder.encodeInto. */
const LOOP_MAX = 64;

/**
 * Writes `str` as UTF-8 into `buf` at `at` and returns the byte count.
 * Precondition: `buf.length - at >= maxUtf8Bytes(str)`.
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

/** Strings up to this many UTF-16 units reserve the 3-bytes-per-unit worst case; longer ones are measured. */
const RESERVE_WORST_CASE_MAX = 4096;

/**
 * Room to reserve before encoding `str`: the worst case for short strings (no scan), the exact length
 * for long ones (a 100 MB ASCII string must not reserve 300 MB).
 */
export function maxUtf8Bytes(str: string): number {
  return str.length <= RESERVE_WORST_CASE_MAX ? str.length * 3 : Buffer.byteLength(str, 'utf8');
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
