/**
 * Error codes of the pseudonymization layer. Messages never contain keys, plaintexts or tokens: they
 * name the policy, the field and the reason class only (contract §6/§7).
 */
import { createError } from '../errors';

/** A raw primitive got a key of a length the algorithm does not allow. */
export const PseudoBadKey = createError('SLUICE_E_PSEUDO_BAD_KEY', 422);
/** A raw primitive got a value it cannot transform (outside the alphabet, below the FF1 domain floor, ...). */
export const PseudoBadInput = createError('SLUICE_E_PSEUDO_BAD_INPUT', 422);
/** An AES-SIV token failed authentication: tampered, wrong key, or wrong associated data. */
export const PseudoAuthFailed = createError('SLUICE_E_PSEUDO_AUTH_FAILED', 422);
/** A policy could not transform a field value and fails closed: HTTP 422 `pseudonymization_failed`. */
export const PseudoFailed = createError('SLUICE_E_PSEUDO_FAILED', 422);
/** The `pseudonymization:` config section is invalid. */
export const PseudoConfigInvalid = createError('SLUICE_E_PSEUDO_CONFIG_INVALID');
/** The keyring file or SLUICE_KEYRING could not be loaded or is invalid. */
export const PseudoKeyringInvalid = createError('SLUICE_E_PSEUDO_KEYRING_INVALID');

/** The §6 error code that a fail-closed pseudonymization surfaces as in an HTTP response. */
export const PSEUDONYMIZATION_FAILED = 'pseudonymization_failed';
