/**
 * Bridge from the config loader's validated section (src/config/types.ts PseudonymizationConfig) to a
 * PolicySet, so `sluice check`/`start` compile policies once at load time. Problems point at the
 * policy's location in the config file.
 */
import type { PseudonymizationConfig } from '../config/types';
import { compilePolicySet, type PolicySet } from './policy';
import type { Keyring } from './keyring';

/**
 * Compiles the loader's section: keyring from `cfg.keyring` (already absolute, env applied) or, when
 * absent, env SLUICE_KEYRING as a path or an inline document. Throws PseudoConfigInvalid /
 * PseudoKeyringInvalid (never with key material).
 */
export function policySetFromConfig(cfg: PseudonymizationConfig, opts: { env?: NodeJS.ProcessEnv; keyring?: Keyring } = {}): PolicySet {
  const policies = Object.fromEntries(Object.entries(cfg.policies).map(([name, p]) => [name, p.raw]));
  const section = { keyring: cfg.keyring, reidentify_scope: cfg.reidentifyScope, policies };
  const locate = (path: readonly (string | number)[]) => {
    const name = path[2];
    return typeof name === 'string' ? cfg.policies[name]?.loc ?? cfg.loc : cfg.loc;
  };
  return compilePolicySet(section, { env: opts.env, keyring: opts.keyring, locate });
}
