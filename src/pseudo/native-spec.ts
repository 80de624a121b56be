/**
 * Turns a CompiledPolicy into the spec the native data plane's createPolicy() takes (the C++ Policy of
 * native/include/sluice/pseudo.h). The spec carries subkeys: it MUST go straight to the addon.
 */
import type { NativePolicySpec } from './native';
import type { CompiledPolicy } from './policy';
import { policyKeys } from './policy-keys';

/** The native spec of `policy`, with its derived subkeys (never the keyring secrets themselves). */
export function toNativePolicySpec(policy: CompiledPolicy): NativePolicySpec {
  const d = policy.definition;
  const k = policyKeys(policy);
  return {
    name: policy.name,
    method: policy.method,
    domain: policy.domain,
    onError: policy.onError,
    keyId: policy.keyId,
    key: k.main,
    sivKeys: [...k.sivByKeyId],
    email: policy.email === undefined ? 'none' : policy.email.domain,
    emailNormalizeCase: policy.email?.normalizeCase ?? true,
    alphabet: d.alphabet,
    passthrough: d.passthrough,
    encoding: d.encoding,
    keepFirst: d.keepFirst,
    keepLast: d.keepLast,
    maskChar: d.maskChar,
    constant: d.value,
  };
}
