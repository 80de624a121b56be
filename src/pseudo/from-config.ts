/**
 * Bridge from the config loader's validated section (src/config/types.ts PseudonymizationConfig) to a
 * PolicySet, so `sluice check`/`start` compile policies once at load time. Problems point at the
 * policy's location in the config file.
 */
import type { PseudonymizationConfig, PseudoPolicyConfig } from '../config/types';
import { compilePolicySet, type PolicySet } from './policy';
import type { Keyring } from './keyring';

/** The raw §7 policy object (snake_case) a validated policy came from. */
function rawPolicy(p: PseudoPolicyConfig): Record<string, unknown> {
  const raw: Record<string, unknown> = { method: p.method, on_error: p.onError };
  const put = (k: string, v: unknown) => { if (v !== undefined) raw[k] = v; };
  if (p.method !== 'mask') put('domain', p.domain);
  put('alphabet', p.alphabet);
  put('radix', p.radix);
  put('passthrough', p.passthrough);
  put('encoding', p.encoding);
  put('keep_first', p.keepFirst);
  put('keep_last', p.keepLast);
  put('char', p.char);
  return raw;
}

/**
 * Compiles the loader's section: keyring from `cfg.keyring` (already absolute, env applied) or, when
 * absent, env SLUICE_KEYRING as a path or an inline document. Throws PseudoConfigInvalid /
 * PseudoKeyringInvalid (never with key material).
 */
export function policySetFromConfig(cfg: PseudonymizationConfig, opts: { env?: NodeJS.ProcessEnv; keyring?: Keyring } = {}): PolicySet {
  const policies = Object.fromEntries(Object.entries(cfg.policies).map(([name, p]) => [name, rawPolicy(p)]));
  const section = { keyring: cfg.keyring, reidentify_scope: cfg.reidentifyScope, policies };
  const locate = (path: readonly (string | number)[]) => {
    const name = path[2];
    return typeof name === 'string' ? cfg.policies[name]?.loc ?? cfg.loc : cfg.loc;
  };
  return compilePolicySet(section, { env: opts.env, keyring: opts.keyring, locate });
}
