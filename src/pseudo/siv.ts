/**
 * AES-SIV (RFC 5297) reference on node:crypto: S2V over AES-CMAC, then AES-CTR. Output is the RFC's
 * V (16-byte tag) ‖ C. Unlike OpenSSL 3.0 this reference accepts an empty plaintext.
 * Each element of `ad` is one associated-data component; `[]` (none) and `[empty]` differ.
 */
import { createCipheriv, timingSafeEqual } from 'node:crypto';
import { AesBlock } from './aes-block';
import { PseudoAuthFailed, PseudoBadInput, PseudoBadKey } from './errors';

/** RFC 5297 doubling in GF(2^128). */
function dbl(x: Uint8Array): Buffer {
  const out = Buffer.alloc(16);
  for (let i = 0; i < 15; i++) out[i] = ((x[i] << 1) | (x[i + 1] >>> 7)) & 0xff;
  out[15] = (x[15] << 1) & 0xff;
  if (x[0] & 0x80) out[15] ^= 0x87;
  return out;
}

function xorInto(dst: Uint8Array, src: Uint8Array, dstOff = 0): void {
  for (let i = 0; i < src.length; i++) dst[dstOff + i] ^= src[i];
}

/** AES-CMAC (RFC 4493) with one keyed block function. */
class Cmac {
  readonly #aes: AesBlock;
  readonly #k1: Buffer;
  readonly #k2: Buffer;

  constructor(key: Uint8Array) {
    this.#aes = new AesBlock(key, 'AES-SIV');
    this.#k1 = dbl(this.#aes.encrypt(Buffer.alloc(16)));
    this.#k2 = dbl(this.#k1);
  }

  mac(msg: Uint8Array): Buffer {
    const complete = msg.length > 0 && msg.length % 16 === 0;
    const padded = Buffer.alloc(complete ? msg.length : (Math.floor(msg.length / 16) + 1) * 16);
    padded.set(msg);
    if (!complete) padded[msg.length] = 0x80;
    xorInto(padded, complete ? this.#k1 : this.#k2, padded.length - 16);
    return this.#aes.cbcMac(padded);
  }
}

function splitKey(key: Uint8Array): [Uint8Array, Uint8Array] {
  if (key.length !== 32 && key.length !== 48 && key.length !== 64) {
    throw PseudoBadKey(`AES-SIV needs a key of 32, 48 or 64 bytes, got ${key.length}`);
  }
  const half = key.length / 2;
  return [key.subarray(0, half), key.subarray(half)];
}

function s2v(macKey: Uint8Array, ad: readonly Uint8Array[], plaintext: Uint8Array): Buffer {
  const cmac = new Cmac(macKey);
  let d = cmac.mac(Buffer.alloc(16));
  for (const a of ad) {
    d = dbl(d);
    xorInto(d, cmac.mac(a));
  }
  let t: Buffer;
  if (plaintext.length >= 16) {
    t = Buffer.from(plaintext);
    xorInto(t, d, t.length - 16);
  } else {
    t = dbl(d);
    const pad = Buffer.alloc(16);
    pad.set(plaintext);
    pad[plaintext.length] = 0x80;
    xorInto(t, pad);
  }
  return cmac.mac(t);
}

function ctr(ctrKey: Uint8Array, v: Uint8Array, data: Uint8Array): Buffer {
  const q = Buffer.from(v);
  q[8] &= 0x7f;
  q[12] &= 0x7f;
  const c = createCipheriv(`aes-${ctrKey.length * 8}-ctr`, ctrKey, q);
  return Buffer.concat([c.update(data), c.final()]);
}

const MAX_AD = 126;

function checkAd(ad: readonly Uint8Array[]): void {
  if (ad.length > MAX_AD) throw PseudoBadInput(`AES-SIV takes at most ${MAX_AD} associated-data components, got ${ad.length}`);
}

/** Encrypts `plaintext` under `key` (32/48/64 bytes) and the ordered AD components; returns V ‖ C. */
export function sivEncrypt(key: Uint8Array, ad: readonly Uint8Array[], plaintext: Uint8Array): Buffer {
  const [k1, k2] = splitKey(key);
  checkAd(ad);
  const v = s2v(k1, ad, plaintext);
  return Buffer.concat([v, ctr(k2, v, plaintext)]);
}

/** Decrypts V ‖ C; throws PseudoAuthFailed (and returns no partial plaintext) when the tag does not verify. */
export function sivDecrypt(key: Uint8Array, ad: readonly Uint8Array[], token: Uint8Array): Buffer {
  const [k1, k2] = splitKey(key);
  checkAd(ad);
  if (token.length < 16) throw PseudoAuthFailed('AES-SIV input is shorter than its 16-byte tag');
  const v = token.subarray(0, 16);
  const plaintext = ctr(k2, v, token.subarray(16));
  const expected = s2v(k1, ad, plaintext);
  if (!timingSafeEqual(expected, v)) {
    plaintext.fill(0);
    throw PseudoAuthFailed('AES-SIV authentication failed (tampered token, wrong key or wrong associated data)');
  }
  return plaintext;
}
