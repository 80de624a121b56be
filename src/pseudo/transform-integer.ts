/**
 * Integer transforms for i32/i64 fields: the result is always an integer of the same type.
 * ff1 permutes the whole type: the two's-complement bit pattern is encrypted as 32/64 binary numerals
 * (domain 2^32 / 2^64 ≥ 10^6), so every value maps to a value of the type and back; the sign is not
 * preserved. hmac takes the first 4/8 bytes of HMAC(subkey, "i32:" / "i64:" + decimal).
 */
import { PseudoBadInput } from './errors';
import { ff1DecryptNumerals, ff1EncryptNumerals } from './ff1';
import { hmacSha256 } from './hmac';
import type { CompiledPolicy } from './policy';
import { policyKeys } from './policy-keys';

export type IntegerType = 'i32' | 'i64';
const BITS: Record<IntegerType, 32 | 64> = { i32: 32, i64: 64 };

function checkRange(value: bigint, type: IntegerType): void {
  if (BigInt.asIntN(BITS[type], value) !== value) throw PseudoBadInput(`value is outside the ${type} range`);
}

function toBits(value: bigint, bits: number): number[] {
  const u = BigInt.asUintN(bits, value);
  return Array.from({ length: bits }, (_, i) => Number((u >> BigInt(bits - 1 - i)) & 1n));
}

function fromBits(x: readonly number[], type: IntegerType): bigint {
  let u = 0n;
  for (const b of x) u = (u << 1n) | BigInt(b);
  return BigInt.asIntN(BITS[type], u);
}

function key(policy: CompiledPolicy): Buffer {
  const k = policyKeys(policy).main;
  if (!k) throw PseudoBadInput('policy has no key');
  return k;
}

const tweak = (policy: CompiledPolicy, type: IntegerType) => Buffer.from(`sluice/ff1/v1/${policy.domain}/${type}`, 'utf8');

/** Pseudonymizes an integer of `type`; only ff1 and hmac apply to integers. */
export function forwardInteger(policy: CompiledPolicy, value: bigint, type: IntegerType): bigint {
  checkRange(value, type);
  if (policy.method === 'ff1') return fromBits(ff1EncryptNumerals(key(policy), tweak(policy, type), 2, toBits(value, BITS[type])), type);
  if (policy.method === 'hmac') {
    const mac = hmacSha256(key(policy), Buffer.from(`${type}:${value}`, 'utf8'));
    return BigInt.asIntN(BITS[type], BigInt('0x' + mac.subarray(0, BITS[type] / 8).toString('hex')));
  }
  throw PseudoBadInput(`method ${policy.method} does not apply to integer fields (use ff1 or hmac)`);
}

/** Re-identifies an integer made by forwardInteger (ff1); hmac values are returned unchanged. */
export function reverseInteger(policy: CompiledPolicy, value: bigint, type: IntegerType): bigint {
  checkRange(value, type);
  if (policy.method === 'ff1') return fromBits(ff1DecryptNumerals(key(policy), tweak(policy, type), 2, toBits(value, BITS[type])), type);
  if (policy.method === 'hmac') return value;
  throw PseudoBadInput(`method ${policy.method} does not apply to integer fields (use ff1 or hmac)`);
}

/** Whether `policy` can be attached to a field of this Thrift type (checked when plans are compiled). */
export function policyAppliesTo(policy: CompiledPolicy, type: 'string' | IntegerType): boolean {
  return type === 'string' || policy.method === 'ff1' || policy.method === 'hmac';
}
