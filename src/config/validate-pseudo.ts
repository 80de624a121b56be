/** §7 `pseudonymization:` section: keyring, reidentify scope, policies (per-method keys) and rules. */
import * as path from 'node:path';
import type { Checker } from './checker';
import { defaults } from './defaults';
import { ConfigCodes } from './problems';
import { qualifiedService } from './validate-upstreams';
import type { PseudoMethod, PseudoPolicyConfig, PseudoRuleConfig, PseudonymizationConfig } from './types';
import { METHOD_KEYS, PSEUDO_METHODS, validatePolicy as validatePolicyDefinition, type PseudoConfigProblem } from '../pseudo/policy-config';

/** Keys each method accepts besides `method` and `on_error`: the policy layer's table (one source of truth). */
const methodKeys: Record<PseudoMethod, ReadonlyArray<string>> = Object.fromEntries(
  Object.entries(METHOD_KEYS).map(([m, keys]) => [m, keys.filter((k) => k !== 'method' && k !== 'on_error')]),
) as unknown as Record<PseudoMethod, ReadonlyArray<string>>;

/** Validates the section; relative keyring paths resolve against `baseDir`. */
export function validatePseudonymization(c: Checker, value: unknown, baseDir: string): PseudonymizationConfig | undefined {
  const p = ['pseudonymization'];
  const o = c.object(p, value, ['keyring', 'reidentify_scope', 'policies', 'rules']);
  if (!o) return undefined;
  const keyringText = o.keyring === undefined || o.keyring === null ? undefined : c.string([...p, 'keyring'], o.keyring);
  const reidentifyScope = o.reidentify_scope === undefined ? defaults.reidentifyScope : c.string([...p, 'reidentify_scope'], o.reidentify_scope);
  const policies: Record<string, PseudoPolicyConfig> = {};
  const po = o.policies === undefined || o.policies === null ? {} : c.record([...p, 'policies'], o.policies);
  for (const [name, raw] of Object.entries(po ?? {})) {
    const pol = validatePolicy(c, [...p, 'policies', name], name, raw);
    if (pol) policies[name] = pol;
  }
  const rules: PseudoRuleConfig[] = [];
  const rl = o.rules === undefined || o.rules === null ? [] : c.array([...p, 'rules'], o.rules);
  rl?.forEach((raw, i) => {
    const rp = [...p, 'rules', i];
    const r = c.object(rp, raw, ['service', 'function', 'path', 'policy']);
    if (!r) return;
    const service = r.service === undefined ? c.missing(rp, 'service') : qualifiedService(c, [...rp, 'service'], r.service);
    const fn = r.function === undefined ? c.missing(rp, 'function') : c.string([...rp, 'function'], r.function);
    const fieldPath = r.path === undefined ? c.missing(rp, 'path') : c.string([...rp, 'path'], r.path);
    const policy = r.policy === undefined ? c.missing(rp, 'policy') : c.string([...rp, 'policy'], r.policy);
    if (policy !== undefined && po && !(policy in po)) {
      c.report([...rp, 'policy'], ConfigCodes.badValue, `Rule names policy '${policy}', which pseudonymization.policies does not define.`);
      return;
    }
    if (service !== undefined && fn !== undefined && fieldPath !== undefined && policy !== undefined) {
      rules.push({ service, function: fn, path: fieldPath, policy, loc: c.locate(rp) });
    }
  });
  if (reidentifyScope === undefined) return undefined;
  return {
    keyring: keyringText === undefined ? undefined : path.resolve(baseDir, keyringText),
    reidentifyScope,
    policies,
    rules,
    loc: c.locate(p, { key: true }),
  };
}

function validatePolicy(c: Checker, p: ReadonlyArray<string | number>, name: string, raw: unknown): PseudoPolicyConfig | undefined {
  const loose = c.object(p, raw, ['method', 'on_error', ...new Set(Object.values(methodKeys).flat())]);
  if (!loose) return undefined;
  const method = loose.method === undefined ? c.missing(p, 'method') : c.oneOf([...p, 'method'], loose.method, PSEUDO_METHODS);
  if (!method) return undefined;
  const before = c.problems.length;
  const anyMethodKeys = new Set(Object.values(methodKeys).flat());
  for (const key of Object.keys(loose)) {
    // Keys no method takes were already reported by c.object.
    if (anyMethodKeys.has(key) && !methodKeys[method].includes(key)) {
      c.report([...p, key], ConfigCodes.unknownKey, `Key '${key}' does not apply to method ${method}; it takes: ${methodKeys[method].join(', ')}, on_error.`, { key: true });
    }
  }
  const str = (k: string) => (loose[k] === undefined ? undefined : c.string([...p, k], loose[k]));
  const int = (k: string, min: number, max?: number) => (loose[k] === undefined ? undefined : c.integer([...p, k], loose[k], { min, max }));
  const domain = str('domain');
  const alphabet = str('alphabet');
  const radix = int('radix', 2, 36);
  const passthrough = loose.passthrough === undefined ? undefined : c.string([...p, 'passthrough'], loose.passthrough, { nonEmpty: false });
  const encoding = loose.encoding === undefined ? undefined : c.oneOf([...p, 'encoding'], loose.encoding, ['hex', 'base32', 'base64url'] as const);
  const keepFirst = int('keep_first', 0);
  const keepLast = int('keep_last', 0);
  const char = str('char');
  const onError = loose.on_error === undefined ? 'fail' : c.oneOf([...p, 'on_error'], loose.on_error, ['fail', 'pass'] as const);
  if (method === 'ff1') {
    if (alphabet === undefined && radix === undefined && loose.alphabet === undefined && loose.radix === undefined && loose.format === undefined) {
      c.report(p, ConfigCodes.missingKey, `Policy '${name}' (ff1) needs 'alphabet', 'radix' or 'format: phone'.`);
    }
    if (alphabet !== undefined && (new Set(alphabet).size !== [...alphabet].length || [...alphabet].length < 2)) {
      c.report([...p, 'alphabet'], ConfigCodes.badValue, `Policy '${name}': the ff1 alphabet needs at least 2 distinct characters, each once.`);
    }
    if (alphabet !== undefined && passthrough !== undefined && [...passthrough].some((ch) => alphabet.includes(ch))) {
      c.report([...p, 'passthrough'], ConfigCodes.badValue, `Policy '${name}': passthrough characters must not be in the alphabet.`);
    }
  }
  if (char !== undefined && [...char].length !== 1) c.report([...p, 'char'], ConfigCodes.badValue, `Policy '${name}': 'char' must be one character.`);
  if (c.problems.length > before || !onError) return undefined;
  // The policy layer's own rules (email, key ids, format, skip, value, ...): what `sluice start` compiles must load.
  // Keys no method takes were reported by c.object already; the policy layer sees the rest.
  const known = Object.fromEntries(Object.entries(loose).filter(([k]) => METHOD_KEYS[method].includes(k)));
  const deep: PseudoConfigProblem[] = [];
  validatePolicyDefinition(name, known, deep, undefined, p.slice(0, -1) as (string | number)[]);
  for (const d of deep) c.report(d.path.split('.'), ConfigCodes.badValue, `${d.message.charAt(0).toUpperCase()}${d.message.slice(1)}.`);
  if (deep.length > 0) return undefined;
  return { name, method, domain, alphabet, radix, passthrough, encoding, keepFirst, keepLast, char, onError, raw: known, loc: c.locate(p, { key: true }) };
}
