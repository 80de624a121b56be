/**
 * The AES-SIV token format: `t1.<keyId>.<base32(V‖C)>`. The associated data is fixed as
 * [`sluice/siv/v1`, domain, keyId] (three components, UTF-8), so token version, domain and key id are
 * bound into the tag: a token relabelled to another key or replayed in another domain fails to open.
 */
import { PseudoAuthFailed } from './errors';
import { base32Decode, base32Encode } from './encoding';

export const TOKEN_VERSION = 't1';
const AD_VERSION = Buffer.from('sluice/siv/v1', 'utf8');
const TOKEN_PATTERN = /^t1\.([a-z0-9][a-z0-9_-]{0,31})\.([a-z2-7]{26,})$/;

/** The AD components of a token for (domain, keyId). Never vary this list: it is the format. */
export function tokenAd(domain: string, keyId: string): Buffer[] {
  return [AD_VERSION, Buffer.from(domain, 'utf8'), Buffer.from(keyId, 'utf8')];
}

/** Formats V‖C under key id `keyId`. */
export function formatToken(keyId: string, sealed: Uint8Array): string {
  return `${TOKEN_VERSION}.${keyId}.${base32Encode(sealed)}`;
}

/** Splits a token (case-insensitively: backends may fold case) or throws PseudoAuthFailed. */
export function parseToken(token: string): { keyId: string; sealed: Buffer } {
  const m = TOKEN_PATTERN.exec(token.replace(/[A-Z]+/g, (c) => c.toLowerCase()));
  if (!m) throw PseudoAuthFailed('value is not a sluice siv token');
  return { keyId: m[1], sealed: base32Decode(m[2]) };
}
