/** Text encodings for tokens and MACs: lower-case unpadded base32 (RFC 4648 alphabet), hex, base64url. */
import { PseudoBadInput } from './errors';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const B32_INDEX = new Map(Array.from(B32, (c, i) => [c, i]));

/** Lower-case base32 without padding: safe in URLs, JSON, e-mail local parts and case-folding backends. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  return out;
}

/** Inverse of base32Encode; case-insensitive; throws PseudoBadInput on other characters or bad length. */
export function base32Decode(text: string): Buffer {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of text.replace(/[A-Z]+/g, (m) => m.toLowerCase())) {
    const v = B32_INDEX.get(c);
    if (v === undefined) throw PseudoBadInput('token is not base32');
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits >= 5 || acc !== 0) throw PseudoBadInput('token is not canonical base32');
  return Buffer.from(out);
}

export type MacEncoding = 'hex' | 'base32' | 'base64url';

/** Encodes MAC bytes as a policy's `encoding` says. */
export function encodeBytes(bytes: Uint8Array, encoding: MacEncoding): string {
  if (encoding === 'base32') return base32Encode(bytes);
  return Buffer.from(bytes).toString(encoding);
}
