/**
 * Pseudonymization (contract §7): raw primitives (TypeScript reference), the keyring, policy
 * compilation and per-field application. Key material is not reachable through this barrel.
 */
export { sivEncrypt, sivDecrypt } from './siv';
export { ff1EncryptNumerals, ff1DecryptNumerals, checkFf1Domain, ff1MinLength, FF1_MIN_DOMAIN } from './ff1';
export { Alphabet, BASE36 } from './alphabet';
export { hmacSha256, HMAC_POLICY_MIN_KEY_BYTES } from './hmac';
export { mask, redact, constant, type MaskOptions } from './mask';
export { base32Encode, base32Decode } from './encoding';
export { Keyring, KeyringKey, loadKeyring, parseKeyring, parseKeyringText, KEY_ID_PATTERN, type KeyringSource } from './keyring';
export { formatToken, parseToken, tokenAd, TOKEN_VERSION } from './token';
export {
  validatePolicy, PHONE_DEFAULTS, PSEUDO_METHODS,
  type PolicyDefinition, type PseudoMethod, type OnError, type EmailOptions, type PseudoConfigProblem, type Locate,
} from './policy-config';
export { CompiledPolicy, PolicySet, compilePolicySet, compileDefinitions, type CompileOptions, type PolicyDescription, type PseudoConfigError } from './policy';
export {
  PseudoStatus, tryForward, tryReverse, tryForwardInteger, tryReverseInteger,
  applyForward, applyReverse, applyForwardInteger, applyReverseInteger, type PseudoResult, type ApplyOptions,
} from './apply';
export { policyAppliesTo, type IntegerType } from './transform-integer';
export { PSEUDO_EMAIL_DOMAIN } from './transform-string';
export { outcomeCounts, formatReidentificationAudit, type OutcomeCount, type ReidentificationAudit, type Direction } from './counters';
export { loadNativePseudo, type NativePseudo } from './native';
export { policySetFromConfig } from './from-config';
export * from './errors';
