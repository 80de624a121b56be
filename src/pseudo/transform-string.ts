/**
 * String transforms per method, forward (pseudonymize) and reverse (re-identify). They throw the raw
 * primitive errors (value-free); apply.ts turns those into fail-closed or on_error: pass outcomes.
 */
import { PseudoAuthFailed, PseudoBadInput } from './errors';
import { checkFf1Domain, ff1DecryptNumerals, ff1EncryptNumerals } from './ff1';
import { hmacSha256 } from './hmac';
import { encodeBytes } from './encoding';
import { constant, mask, redact } from './mask';
import type { CompiledPolicy } from './policy';
import { policyKeys } from './policy-keys';
import { sivDecrypt, sivEncrypt } from './siv';
import { formatToken, parseToken, tokenAd } from './token';

/** Domain that email-aware policies put after a pseudonymized whole address (RFC 2606 reserves .invalid). */
export const PSEUDO_EMAIL_DOMAIN = 'pseudo.invalid';

const ff1Tweak = (domain: string, suffix = '') => Buffer.from(`sluice/ff1/v1/${domain}${suffix}`, 'utf8');

function mustKey(k: Buffer | undefined): Buffer {
  if (!k) throw PseudoBadInput('policy has no key');
  return k;
}

function sivSeal(policy: CompiledPolicy, text: string): string {
  const keyId = policy.keyId!;
  const sealed = sivEncrypt(mustKey(policyKeys(policy).main), tokenAd(policy.domain, keyId), Buffer.from(text, 'utf8'));
  return formatToken(keyId, sealed);
}

function sivOpen(policy: CompiledPolicy, token: string): string {
  const { keyId, sealed } = parseToken(token);
  const key = policyKeys(policy).sivByKeyId.get(keyId);
  // A key removed from the ring: its tokens can no longer be opened (fail closed).
  if (!key) throw PseudoAuthFailed('the token was made with a key that is not in the keyring');
  const plain = sivDecrypt(key, tokenAd(policy.domain, keyId), sealed);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  return text;
}

function hmacText(policy: CompiledPolicy, text: string): string {
  return encodeBytes(hmacSha256(mustKey(policyKeys(policy).main), Buffer.from(text, 'utf8')), policy.definition.encoding);
}

/** ASCII-only case folding and trimming: byte-identical in the C++ data plane (native/src/pseudo/policy.cc). */
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiTrim = (s: string): string => s.replace(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/g, '');

/** Splits an address at its last `@` and normalizes it as the policy's email options say. */
function splitEmail(policy: CompiledPolicy, value: string): { local: string; domain: string | undefined } {
  const trimmed = asciiTrim(value);
  const at = trimmed.lastIndexOf('@');
  const fold = policy.email!.normalizeCase;
  if (at < 0) return { local: fold ? asciiLower(trimmed) : trimmed, domain: undefined };
  const local = trimmed.slice(0, at);
  return { local: fold ? asciiLower(local) : local, domain: asciiLower(trimmed.slice(at + 1)) };
}

/** Applies a one-way or sealing function to an address, keeping or folding the domain. */
function emailForward(policy: CompiledPolicy, value: string, f: (s: string) => string): string {
  const { local, domain } = splitEmail(policy, value);
  if (domain === undefined) return f(local);
  if (policy.email!.domain === 'keep') return `${f(local)}@${domain}`;
  return `${f(`${local}@${domain}`)}@${PSEUDO_EMAIL_DOMAIN}`;
}

function emailReverse(policy: CompiledPolicy, value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return sivOpen(policy, value);
  const head = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (policy.email!.domain === 'pseudonymize') {
    if (asciiLower(domain) !== PSEUDO_EMAIL_DOMAIN) throw PseudoAuthFailed('value is not a pseudonymized address');
    return sivOpen(policy, head);
  }
  return `${sivOpen(policy, head)}@${domain}`;
}

/** FF1 over the characters not in `passthrough`, which keep their positions. */
function ff1Text(policy: CompiledPolicy, value: string, encrypt: boolean): string {
  const alphabet = policy.alphabet!;
  const pass = new Set(Array.from(policy.definition.passthrough));
  const chars = Array.from(value);
  const slots: number[] = [];
  const digits: string[] = [];
  chars.forEach((c, i) => {
    if (!pass.has(c)) {
      slots.push(i);
      digits.push(c);
    }
  });
  checkFf1Domain(alphabet.radix, digits.length);
  const x = alphabet.toNumerals(digits.join(''));
  const key = mustKey(policyKeys(policy).main);
  const y = (encrypt ? ff1EncryptNumerals : ff1DecryptNumerals)(key, ff1Tweak(policy.domain), alphabet.radix, x);
  slots.forEach((pos, j) => { chars[pos] = alphabet.chars[y[j]]; });
  return chars.join('');
}

/**
 * Pseudonymizes a string. The empty string stays empty for siv, ff1 and hmac: it carries no personal
 * data, and a response field left empty by a backend must not fail re-identification.
 */
export function forwardString(policy: CompiledPolicy, value: string): string {
  const d = policy.definition;
  switch (policy.method) {
    case 'siv':
      if (value === '') return '';
      return policy.email ? emailForward(policy, value, (s) => sivSeal(policy, s)) : sivSeal(policy, value);
    case 'ff1':
      return value === '' ? '' : ff1Text(policy, value, true);
    case 'hmac':
      if (value === '') return '';
      return policy.email ? emailForward(policy, value, (s) => hmacText(policy, s)) : hmacText(policy, value);
    case 'mask':
      return mask(value, { keepFirst: d.keepFirst, keepLast: d.keepLast, char: d.maskChar, skip: d.passthrough });
    case 'redact':
      return redact(value);
    case 'constant':
      return constant(value, d.value);
  }
}

/** Re-identifies a pseudonym made by forwardString; one-way methods return the value unchanged. */
export function reverseString(policy: CompiledPolicy, value: string): string {
  if (!policy.reversible || value === '') return value;
  if (policy.method === 'ff1') return ff1Text(policy, value, false);
  return policy.email ? emailReverse(policy, value) : sivOpen(policy, value);
}
