/** Single-block AES and CBC-MAC on node:crypto, the building blocks of the SIV and FF1 references. */
import { createCipheriv, type Cipher } from 'node:crypto';
import { PseudoBadKey } from './errors';

/** Returns the OpenSSL ECB cipher name for an AES key, or throws PseudoBadKey for other lengths. */
export function aesEcbName(key: Uint8Array, what: string): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw PseudoBadKey(`${what} needs an AES key of 16, 24 or 32 bytes, got ${key.length}`);
  }
  return `aes-${key.length * 8}-ecb`;
}

/** A keyed AES block function: `encrypt(block)` returns AES_K(block) for one 16-byte block. */
export class AesBlock {
  readonly #cipher: Cipher;

  constructor(key: Uint8Array, what: string) {
    this.#cipher = createCipheriv(aesEcbName(key, what), key, null).setAutoPadding(false);
  }

  /** AES_K of one 16-byte block (input untouched, new buffer returned). */
  encrypt(block: Uint8Array): Buffer {
    return this.#cipher.update(block);
  }

  /** CBC-MAC with a zero IV over `data`, whose length MUST be a multiple of 16; returns the last block. */
  cbcMac(data: Uint8Array): Buffer {
    let y: Buffer = Buffer.alloc(16);
    for (let off = 0; off < data.length; off += 16) {
      for (let i = 0; i < 16; i++) y[i] ^= data[off + i];
      y = this.encrypt(y);
    }
    return y;
  }
}
