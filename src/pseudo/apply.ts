/**
 * Applying a compiled policy to one field value, with the §7 failure policy: fail closed by default
 * (SLUICE_E_PSEUDO_FAILED → HTTP 422 `pseudonymization_failed`, value never echoed), or pass the value
 * through untouched when the policy says `on_error: pass`. Outcomes are counted, never values.
 */
import { PseudoFailed } from './errors';
import type { CompiledPolicy } from './policy';
import { forwardInteger, reverseInteger, type IntegerType } from './transform-integer';
import { forwardString, reverseString } from './transform-string';
import { countOutcome, type Direction } from './counters';

/** What a field transform did. Each member says what the caller MUST do next. */
export enum PseudoStatus {
  /** The value was transformed: the caller MUST put `value` in place of the original. */
  Transformed = 'transformed',
  /** Nothing to transform (a one-way method in reverse, an empty string): `value` is the input. */
  Unchanged = 'unchanged',
  /** The transform failed and the policy says `on_error: pass`: the caller MUST forward `value` (the input) as is. */
  PassedOnError = 'passed_on_error',
  /** The transform failed and the policy fails closed: the caller MUST stop, forward nothing, answer 422 `pseudonymization_failed`. */
  Rejected = 'rejected',
}

export interface PseudoResult<T> {
  readonly status: PseudoStatus;
  readonly value: T;
  /** Value-free reason (the primitive's error message) when status is PassedOnError or Rejected. */
  readonly reason?: string;
  /** The primitive's error code (e.g. SLUICE_E_PSEUDO_BAD_INPUT) when the transform failed. */
  readonly reasonCode?: string;
}

function run<T>(policy: CompiledPolicy, direction: Direction, value: T, f: () => T): PseudoResult<T> {
  try {
    const out = f();
    const status = out === value ? PseudoStatus.Unchanged : PseudoStatus.Transformed;
    countOutcome(policy.name, direction, status);
    return { status, value: out };
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'transform failed';
    const reasonCode = (err as { code?: unknown }).code;
    const status = policy.onError === 'pass' ? PseudoStatus.PassedOnError : PseudoStatus.Rejected;
    countOutcome(policy.name, direction, status);
    return { status, value, reason, reasonCode: typeof reasonCode === 'string' ? reasonCode : undefined };
  }
}

/** Pseudonymizes a string value (request direction) and reports the outcome; never throws for bad values. */
export function tryForward(policy: CompiledPolicy, value: string): PseudoResult<string> {
  return run(policy, 'forward', value, () => forwardString(policy, value));
}

/** Re-identifies a string value (response direction, authorized callers only); never throws for bad values. */
export function tryReverse(policy: CompiledPolicy, token: string): PseudoResult<string> {
  return run(policy, 'reverse', token, () => reverseString(policy, token));
}

/** Pseudonymizes an i32/i64 value; the result stays in the type's range. */
export function tryForwardInteger(policy: CompiledPolicy, value: bigint, type: IntegerType): PseudoResult<bigint> {
  return run(policy, 'forward', value, () => forwardInteger(policy, value, type));
}

/** Re-identifies an i32/i64 value made by tryForwardInteger. */
export function tryReverseInteger(policy: CompiledPolicy, value: bigint, type: IntegerType): PseudoResult<bigint> {
  return run(policy, 'reverse', value, () => reverseInteger(policy, value, type));
}

export interface ApplyOptions {
  /** The field path to blame in the 422 (`person.email`, `req.person.email`). */
  readonly field?: string;
}

function settle<T>(policy: CompiledPolicy, r: PseudoResult<T>, verb: string, opts: ApplyOptions): T {
  if (r.status !== PseudoStatus.Rejected) return r.value;
  throw PseudoFailed(`policy '${policy.name}' could not ${verb} the value: ${r.reason}`, { field: opts.field });
}

/**
 * Pseudonymizes `value` under `policy`. Fail-closed: throws SLUICE_E_PSEUDO_FAILED (statusCode 422,
 * §6 `pseudonymization_failed`, message without the value); `on_error: pass` returns `value` unchanged.
 */
export function applyForward(policy: CompiledPolicy, value: string, opts: ApplyOptions = {}): string {
  return settle(policy, tryForward(policy, value), 'pseudonymize', opts);
}

/**
 * Restores the original behind `token` for an authorized caller. Tampered tokens and tokens of keys
 * no longer in the keyring throw SLUICE_E_PSEUDO_FAILED (no partial plaintext); `on_error: pass`
 * returns the token unchanged. One-way methods return the token unchanged.
 */
export function applyReverse(policy: CompiledPolicy, token: string, opts: ApplyOptions = {}): string {
  return settle(policy, tryReverse(policy, token), 're-identify', opts);
}

/** applyForward for i32/i64 fields (bigint in, bigint of the same type out). */
export function applyForwardInteger(policy: CompiledPolicy, value: bigint, type: IntegerType, opts: ApplyOptions = {}): bigint {
  return settle(policy, tryForwardInteger(policy, value, type), 'pseudonymize', opts);
}

/** applyReverse for i32/i64 fields. */
export function applyReverseInteger(policy: CompiledPolicy, value: bigint, type: IntegerType, opts: ApplyOptions = {}): bigint {
  return settle(policy, tryReverseInteger(policy, value, type), 're-identify', opts);
}
