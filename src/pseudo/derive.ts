/**
 * Per-policy subkeys: HKDF-SHA-256 over a keyring secret with info `sluice/v1/<method>/<domain>`, so
 * one keyring secret never serves two primitives or two domains with the same key.
 */
import { hkdfSync } from 'node:crypto';
import type { KeyringKey } from './keyring';

const SALT = Buffer.from('sluice/v1/subkey', 'utf8');

/** Subkey lengths: AES-256-SIV takes 64 bytes, FF1 (AES-256) and HMAC 32. */
export const SUBKEY_BYTES = { siv: 64, ff1: 32, hmac: 32 } as const;
export type KeyedMethod = keyof typeof SUBKEY_BYTES;

/** The subkey of `key` for `method` in `domain`. Deterministic; MUST NOT be logged or returned. */
export function deriveSubkey(key: KeyringKey, method: KeyedMethod, domain: string): Buffer {
  const info = Buffer.from(`sluice/v1/${method}/${domain}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', key.secretForDerivation(), SALT, info, SUBKEY_BYTES[method]));
}
