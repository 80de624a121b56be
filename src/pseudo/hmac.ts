/** HMAC-SHA-256 reference on node:crypto. Raw: any key length; policies enforce ≥ 32 bytes themselves. */
import { createHmac } from 'node:crypto';

/** Minimum HMAC key length a policy accepts (contract §7). */
export const HMAC_POLICY_MIN_KEY_BYTES = 32;

/** HMAC-SHA-256 of `data` under `key`: 32 bytes. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
