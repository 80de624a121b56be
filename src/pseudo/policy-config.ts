/**
 * Validation of the §7 `pseudonymization:` section into plain policy definitions. Every problem is
 * collected with its config path (and file:line:col when the caller can locate it); messages never
 * contain secrets (policies hold none: keys live in the keyring).
 */
import type { SourceLocation } from '../errors';
import { BASE36 } from './alphabet';
import { KEY_ID_PATTERN } from './keyring';
import type { MacEncoding } from './encoding';

export type PseudoMethod = 'siv' | 'ff1' | 'hmac' | 'mask' | 'redact' | 'constant';
export const PSEUDO_METHODS: readonly PseudoMethod[] = ['siv', 'ff1', 'hmac', 'mask', 'redact', 'constant'];
export type OnError = 'fail' | 'pass';

/** Email awareness (siv, hmac): keep the domain in clear or fold it into the pseudonym; fold case. */
export interface EmailOptions {
  readonly domain: 'keep' | 'pseudonymize';
  readonly normalizeCase: boolean;
}

/** One validated policy, before keys are attached. */
export interface PolicyDefinition {
  readonly name: string;
  readonly method: PseudoMethod;
  /** Pseudonymization domain (default: the policy name): separates tokens of different policies. */
  readonly domain: string;
  /** Pinned key id (siv: the encrypting key; ff1/hmac: the only key). Undefined: the keyring's primary. */
  readonly keyId: string | undefined;
  readonly onError: OnError;
  readonly email: EmailOptions | undefined;
  /** ff1 */
  readonly alphabet: string | undefined;
  /** ff1 and mask: characters left in place and not transformed. */
  readonly passthrough: string;
  /** hmac */
  readonly encoding: MacEncoding;
  /** mask */
  readonly keepFirst: number;
  readonly keepLast: number;
  readonly maskChar: string;
  /** constant */
  readonly value: string;
  readonly loc: SourceLocation | undefined;
}

export interface PseudoConfigProblem {
  /** Config path, e.g. `pseudonymization.policies.phone.alphabet`. */
  readonly path: string;
  readonly message: string;
  readonly loc: SourceLocation | undefined;
}

/** Maps a config path to its place in the config file, when the caller kept a YAML CST. */
export type Locate = (path: readonly (string | number)[]) => SourceLocation | undefined;

const COMMON = ['method', 'domain', 'key', 'on_error'];
/** Keys each method accepts (the config loader checks the same table). */
export const METHOD_KEYS: Record<PseudoMethod, readonly string[]> = {
  siv: [...COMMON, 'email'],
  ff1: [...COMMON, 'alphabet', 'radix', 'passthrough', 'format'],
  hmac: [...COMMON, 'encoding', 'email'],
  mask: ['method', 'on_error', 'keep_first', 'keep_last', 'char', 'skip', 'passthrough'],
  redact: ['method', 'on_error'],
  constant: ['method', 'on_error', 'value'],
};
/** `format: phone` on ff1: digits, separators passed through. */
export const PHONE_DEFAULTS = { alphabet: '0123456789', passthrough: '+-() .' } as const;

/** Validates one policy object; pushes problems and returns undefined when it is unusable. */
export function validatePolicy(name: string, raw: unknown, problems: PseudoConfigProblem[], locate: Locate = () => undefined,
  base: readonly (string | number)[] = ['pseudonymization', 'policies']): PolicyDefinition | undefined {
  const at = [...base, name];
  const before = problems.length;
  const report = (key: string | undefined, message: string) => {
    const p = key === undefined ? at : [...at, key];
    problems.push({ path: p.join('.'), message, loc: locate(p) });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report(undefined, `policy '${name}' must be an object with a 'method'`);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const method = o.method;
  if (typeof method !== 'string' || !(PSEUDO_METHODS as readonly string[]).includes(method)) {
    report('method', `policy '${name}': method must be one of ${PSEUDO_METHODS.join(', ')} (FF3, unkeyed hashes and ECB are not offered)`);
    return undefined;
  }
  const m = method as PseudoMethod;
  for (const k of Object.keys(o)) {
    if (!METHOD_KEYS[m].includes(k)) report(k, `policy '${name}': key '${k}' does not apply to method ${m}; it takes ${METHOD_KEYS[m].join(', ')}`);
  }
  const str = (k: string, opts: { nonEmpty?: boolean } = {}): string | undefined => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || (opts.nonEmpty !== false && v === '')) {
      report(k, `policy '${name}': ${k} must be a${opts.nonEmpty === false ? '' : ' non-empty'} string`);
      return undefined;
    }
    return v;
  };
  const int = (k: string, min: number, max: number): number | undefined => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      report(k, `policy '${name}': ${k} must be an integer in ${min}..${max}`);
      return undefined;
    }
    return v;
  };
  const domain = str('domain') ?? name;
  const keyId = str('key');
  if (keyId !== undefined && !KEY_ID_PATTERN.test(keyId)) report('key', `policy '${name}': key must be a keyring key id`);
  const onErrorRaw = o.on_error ?? 'fail';
  if (onErrorRaw !== 'fail' && onErrorRaw !== 'pass') report('on_error', `policy '${name}': on_error must be fail or pass`);
  const email = validateEmail(o.email, (msg) => report('email', `policy '${name}': ${msg}`));

  let alphabet: string | undefined;
  let passthrough = '';
  if (m === 'ff1') {
    const format = str('format');
    if (format !== undefined && format !== 'phone') report('format', `policy '${name}': format must be phone`);
    const isPhone = format === 'phone';
    alphabet = str('alphabet') ?? (isPhone ? PHONE_DEFAULTS.alphabet : undefined);
    const radix = int('radix', 2, BASE36.length);
    if (radix !== undefined && alphabet === undefined) alphabet = BASE36.slice(0, radix);
    else if (radix !== undefined && alphabet !== undefined && Array.from(alphabet).length !== radix) {
      report('radix', `policy '${name}': radix ${radix} differs from the alphabet's ${Array.from(alphabet).length} characters`);
    }
    if (alphabet === undefined && o.alphabet === undefined && o.radix === undefined) {
      report(undefined, `policy '${name}' (ff1) needs 'alphabet', 'radix' or 'format: phone'`);
    }
    if (alphabet !== undefined) {
      const chars = Array.from(alphabet);
      if (new Set(chars).size !== chars.length || chars.length < 2) {
        report('alphabet', `policy '${name}': the ff1 alphabet needs at least 2 distinct characters, each once`);
      }
    }
    passthrough = str('passthrough', { nonEmpty: false }) ?? (isPhone ? PHONE_DEFAULTS.passthrough : '');
    if (alphabet !== undefined && Array.from(passthrough).some((c) => alphabet!.includes(c))) {
      report('passthrough', `policy '${name}': passthrough characters must not be in the alphabet`);
    }
  }
  let keepFirst = 0;
  let keepLast = 0;
  let maskChar = '*';
  if (m === 'mask') {
    keepFirst = int('keep_first', 0, 1 << 20) ?? 0;
    keepLast = int('keep_last', 0, 1 << 20) ?? 0;
    maskChar = str('char') ?? '*';
    if (Array.from(maskChar).length !== 1) report('char', `policy '${name}': char must be one character`);
    if (o.skip !== undefined && o.passthrough !== undefined) report('skip', `policy '${name}': give skip or passthrough, not both`);
    passthrough = str('skip', { nonEmpty: false }) ?? str('passthrough', { nonEmpty: false }) ?? '';
  }
  const encodingRaw = o.encoding ?? 'hex';
  if (m === 'hmac' && encodingRaw !== 'hex' && encodingRaw !== 'base32' && encodingRaw !== 'base64url') {
    report('encoding', `policy '${name}': encoding must be hex, base32 or base64url`);
  }
  let value = '';
  if (m === 'constant') {
    const v = str('value', { nonEmpty: false });
    if (v === undefined && o.value === undefined) report('value', `policy '${name}' (constant) needs 'value'`);
    value = v ?? '';
  }
  if (problems.length > before) return undefined;
  return {
    name, method: m, domain, keyId, onError: onErrorRaw as OnError, email, alphabet, passthrough,
    encoding: encodingRaw as MacEncoding, keepFirst, keepLast, maskChar, value, loc: locate(at),
  };
}

function validateEmail(raw: unknown, report: (msg: string) => void): EmailOptions | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true) return { domain: 'keep', normalizeCase: true };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report('email must be true or {domain: keep|pseudonymize, normalize_case: true|false}');
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'domain' && k !== 'normalize_case') report(`email: unknown key '${k}'`);
  const domain = o.domain ?? 'keep';
  if (domain !== 'keep' && domain !== 'pseudonymize') report('email.domain must be keep or pseudonymize');
  const normalizeCase = o.normalize_case ?? true;
  if (typeof normalizeCase !== 'boolean') report('email.normalize_case must be true or false');
  return { domain: domain as EmailOptions['domain'], normalizeCase: normalizeCase === true };
}
