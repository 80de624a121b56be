/** Shared keyrings and policy sections for the policy tests. Secrets here are test-only. */
import { parseKeyring, type Keyring } from '../../../src/pseudo/keyring';

export const SECRET_K1 = '5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e7a0a1';
export const SECRET_K2 = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** A ring with k1 primary, optionally with k2 as well (and primary instead). */
export function ring(opts: { k2?: boolean; k2Primary?: boolean; k1?: boolean } = {}): Keyring {
  const keys: { id: string; secret_hex: string; primary: boolean }[] = [];
  if (opts.k1 !== false) keys.push({ id: 'k1', secret_hex: SECRET_K1, primary: !opts.k2Primary });
  if (opts.k2) keys.push({ id: 'k2', secret_hex: SECRET_K2, primary: opts.k2Primary === true });
  return parseKeyring({ keys }, 'test keyring');
}

/** The §7 example section plus the extra methods and options this layer offers. */
export const SECTION = {
  reidentify_scope: 'reidentify',
  policies: {
    email: { method: 'siv', domain: 'email' },
    email_keep: { method: 'siv', domain: 'email', email: true },
    email_fold: { method: 'siv', domain: 'email', email: { domain: 'pseudonymize' } },
    phone: { method: 'ff1', alphabet: '0123456789', passthrough: '+-() ' },
    phone_fmt: { method: 'ff1', format: 'phone' },
    account: { method: 'ff1', radix: 10, domain: 'account' },
    uid: { method: 'hmac', domain: 'uid', encoding: 'base32' },
    uid_email: { method: 'hmac', domain: 'uid', email: true },
    card: { method: 'mask', keep_last: 4, char: '*' },
    card_dashes: { method: 'mask', keep_last: 4, skip: '-' },
    gone: { method: 'redact' },
    fixed: { method: 'constant', value: 'REDACTED' },
    lenient: { method: 'ff1', alphabet: '0123456789', on_error: 'pass' },
    lenient_siv: { method: 'siv', on_error: 'pass' },
  },
} as const;
