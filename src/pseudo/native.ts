/**
 * Loads the native pseudonymization primitives (exports.pseudo of native/build/Release/sluice_native.node).
 * Env SLUICE_NATIVE_ADDON overrides the path (a development build). The TypeScript reference never
 * depends on this: callers that can live without the addon check `loadNativePseudo()` for undefined.
 */
import * as path from 'node:path';

/** The functions native/binding/pseudo_binding.cc exports; errors carry SLUICE_E_* codes. */
export interface NativePseudo {
  sivEncrypt(key: Uint8Array, ad: readonly Uint8Array[], plaintext: Uint8Array): Buffer;
  sivDecrypt(key: Uint8Array, ad: readonly Uint8Array[], token: Uint8Array): Buffer;
  ff1Encrypt(key: Uint8Array, tweak: Uint8Array, radix: number, numerals: Uint32Array): Uint32Array;
  ff1Decrypt(key: Uint8Array, tweak: Uint8Array, radix: number, numerals: Uint32Array): Uint32Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Buffer;
  mask(value: string, opts: { keepFirst?: number; keepLast?: number; char?: string; skip?: string }): string;
  /** Builds a native sluice::pseudo::Policy (native/include/sluice/pseudo.h) from toNativePolicySpec(). */
  createPolicy(spec: NativePolicySpec): NativePolicyHandle;
  policyForward(policy: NativePolicyHandle, value: string): NativeFieldResult<string>;
  policyReverse(policy: NativePolicyHandle, value: string): NativeFieldResult<string>;
  policyForwardInteger(policy: NativePolicyHandle, value: bigint, type: 'i32' | 'i64'): NativeFieldResult<bigint>;
  policyReverseInteger(policy: NativePolicyHandle, value: bigint, type: 'i32' | 'i64'): NativeFieldResult<bigint>;
  /** Benchmarks: runs forward(value) `iterations` times inside C++; returns elapsed nanoseconds. */
  policyForwardLoop(policy: NativePolicyHandle, value: string, iterations: number): number;
}

/** An opaque handle owning a native Policy; freed with the JS object. */
export type NativePolicyHandle = { readonly __brand: 'NativePolicyHandle' };

/** sluice::pseudo::FieldStatus as text, same members as PseudoStatus. */
export interface NativeFieldResult<T> {
  readonly status: 'transformed' | 'unchanged' | 'passed_on_error' | 'rejected';
  readonly value: T;
  readonly reason?: string;
}

/** sluice::pseudo::PolicySpec in JS form. Holds subkeys: MUST only be handed to the addon, never logged. */
export interface NativePolicySpec {
  readonly name: string;
  readonly method: 'siv' | 'ff1' | 'hmac' | 'mask' | 'redact' | 'constant';
  readonly domain: string;
  readonly onError: 'fail' | 'pass';
  readonly keyId?: string;
  readonly key?: Uint8Array;
  readonly sivKeys?: readonly (readonly [string, Uint8Array])[];
  readonly email: 'none' | 'keep' | 'pseudonymize';
  readonly emailNormalizeCase: boolean;
  readonly alphabet?: string;
  readonly passthrough: string;
  readonly encoding: 'hex' | 'base32' | 'base64url';
  readonly keepFirst: number;
  readonly keepLast: number;
  readonly maskChar: string;
  readonly constant: string;
}

/** Default location of the addon, relative to the repository root (works from src/ and dist/src/). */
export function defaultAddonPath(): string {
  const fromHere = path.resolve(__dirname, '..', '..');
  const root = path.basename(fromHere) === 'dist' ? path.dirname(fromHere) : fromHere;
  return path.join(root, 'native', 'build', 'Release', 'sluice_native.node');
}

let cached: NativePseudo | null | undefined;

/** The native primitives, or undefined when the addon is not built or lacks them (reason in `lastError`). */
export function loadNativePseudo(): NativePseudo | undefined {
  if (cached === undefined) {
    try {
      const addon = require(process.env.SLUICE_NATIVE_ADDON ?? defaultAddonPath()) as { pseudo?: NativePseudo };
      cached = addon.pseudo && typeof addon.pseudo.sivEncrypt === 'function' ? addon.pseudo : null;
      if (!cached) nativeLoadError = 'the addon has no pseudo primitives (rebuild native/)';
    } catch (err) {
      cached = null;
      nativeLoadError = err instanceof Error ? err.message : String(err);
    }
  }
  return cached ?? undefined;
}

let nativeLoadError: string | undefined;

/** Why loadNativePseudo() returned undefined, for test skip messages. */
export function nativeLoadFailure(): string | undefined {
  return nativeLoadError;
}
