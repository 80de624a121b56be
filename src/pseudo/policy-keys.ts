/**
 * Key material of compiled policies, kept outside the policy objects so that nothing that prints or
 * serializes a policy can reach it. Internal to src/pseudo: not exported from the package barrel.
 */
import type { CompiledPolicy } from './policy';

export interface PolicyKeys {
  /** siv: subkey of the encrypting key; ff1/hmac: the pinned subkey; undefined for keyless methods. */
  readonly main: Buffer | undefined;
  /** siv: subkey per keyring key id, for opening tokens made under older keys. */
  readonly sivByKeyId: ReadonlyMap<string, Buffer>;
}

const keys = new WeakMap<CompiledPolicy, PolicyKeys>();

export function setPolicyKeys(policy: CompiledPolicy, k: PolicyKeys): void {
  keys.set(policy, k);
}

/** The keys of `policy`; throws if it was not compiled by compileDefinitions (a programming error). */
export function policyKeys(policy: CompiledPolicy): PolicyKeys {
  const k = keys.get(policy);
  if (!k) throw new Error('policy was not compiled by compileDefinitions');
  return k;
}
