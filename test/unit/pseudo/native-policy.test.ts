/**
 * The data-plane Policy (native/include/sluice/pseudo.h, through the binding) gives byte-identical
 * results to the TypeScript policies in both directions, for every method and option, including the
 * failure outcomes, so the gateway and `sluice` tooling agree on every pseudonym.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicySet } from '../../../src/pseudo/policy';
import { tryForward, tryForwardInteger, tryReverse, tryReverseInteger } from '../../../src/pseudo/apply';
import { loadNativePseudo, nativeLoadFailure, type NativePseudo } from '../../../src/pseudo/native';
import { toNativePolicySpec } from '../../../src/pseudo/native-spec';
import { ring, SECTION } from './fixtures';
import { Rng, SEED } from './rng';

function native(): NativePseudo {
  const n = loadNativePseudo();
  assert.ok(n, `native addon with pseudo primitives must load (build native/ first): ${nativeLoadFailure()}`);
  return n;
}

const section = {
  policies: {
    ...SECTION.policies,
    email_case: { method: 'siv', domain: 'e2', email: { domain: 'keep', normalize_case: false } },
    hmac_b64: { method: 'hmac', encoding: 'base64url' },
    hmac_fold: { method: 'hmac', encoding: 'base32', email: { domain: 'pseudonymize' } },
    greek: { method: 'ff1', alphabet: 'αβγδεζηθικλμνξοπρστυφχψω', passthrough: ' ' },
    mask_both: { method: 'mask', keep_first: 2, keep_last: 2, char: '•', skip: ' -' },
  },
};

test(`native and TypeScript policies agree on random strings in both directions (seed ${SEED})`, () => {
  const n = native();
  const set = compilePolicySet(section, { keyring: ring({ k2: true }) });
  const rng = new Rng();
  const pools = [Array.from('0123456789'), Array.from('0123456789 +-()'), Array.from('abcXYZ09@.-_ '), Array.from('αβγδεζηθικ λμν'), Array.from('aé😀@Z ')];
  for (const name of set.names()) {
    const p = set.get(name)!;
    const handle = n.createPolicy(toNativePolicySpec(p));
    for (let i = 0; i < 40; i++) {
      const value = i === 0 ? '' : i === 1 ? ' Alice.Smith@Example.COM ' : rng.string(rng.pick(pools), rng.int(1, 24));
      const ts = tryForward(p, value);
      const nat = n.policyForward(handle, value);
      assert.equal(nat.status, ts.status, `${name} forward status for ${JSON.stringify(value)}`);
      assert.equal(nat.value, ts.value, `${name} forward value`);
      const tsBack = tryReverse(p, ts.value);
      const natBack = n.policyReverse(handle, ts.value);
      assert.equal(natBack.status, tsBack.status, `${name} reverse status`);
      assert.equal(natBack.value, tsBack.value, `${name} reverse value`);
      // Garbage in the response direction: both fail the same way.
      const junk = rng.string(pools[2], rng.int(1, 30));
      assert.deepEqual([n.policyReverse(handle, junk).status, n.policyReverse(handle, junk).value], [tryReverse(p, junk).status, tryReverse(p, junk).value]);
    }
  }
});

test('a native policy opens tokens of older keys, and fails closed once the key is removed', () => {
  const n = native();
  const withBoth = compilePolicySet(SECTION, { keyring: ring({ k2: true, k2Primary: true }) });
  const oldOnly = compilePolicySet(SECTION, { keyring: ring() });
  const newOnly = compilePolicySet(SECTION, { keyring: ring({ k1: false, k2: true, k2Primary: true }) });
  const oldToken = tryForward(oldOnly.get('email')!, 'dana@example.com').value;
  assert.equal(n.policyReverse(n.createPolicy(toNativePolicySpec(withBoth.get('email')!)), oldToken).value, 'dana@example.com');
  const gone = n.policyReverse(n.createPolicy(toNativePolicySpec(newOnly.get('email')!)), oldToken);
  assert.equal(gone.status, 'rejected');
  assert.ok(!String(gone.reason).includes('dana'));
});

test(`native and TypeScript integer policies agree for i32/i64 (seed ${SEED})`, () => {
  const n = native();
  const set = compilePolicySet(section, { keyring: ring() });
  const rng = new Rng();
  for (const name of ['account', 'uid', 'card']) {
    const p = set.get(name)!;
    const handle = n.createPolicy(toNativePolicySpec(p));
    for (const type of ['i32', 'i64'] as const) {
      const bits = type === 'i32' ? 32 : 64;
      for (const v of [0n, -1n, BigInt.asIntN(bits, 1n << BigInt(bits - 1)), ...Array.from({ length: 20 }, () => rng.signed(bits))]) {
        const ts = tryForwardInteger(p, v, type);
        const nat = n.policyForwardInteger(handle, v, type);
        assert.deepEqual([nat.status, nat.value], [ts.status, ts.value], `${name} ${type} ${v}`);
        const back = n.policyReverseInteger(handle, nat.value, type);
        const tsBack = tryReverseInteger(p, ts.value, type);
        assert.deepEqual([back.status, back.value], [tsBack.status, tsBack.value]);
      }
    }
    assert.equal(n.policyForwardInteger(handle, 1n << 40n, 'i32').status, tryForwardInteger(p, 1n << 40n, 'i32').status);
  }
});

test('createPolicy refuses malformed specs with value-free errors', () => {
  const n = native();
  const p = compilePolicySet(SECTION, { keyring: ring() }).get('email')!;
  const spec = toNativePolicySpec(p);
  assert.throws(() => n.createPolicy({ ...spec, key: Buffer.alloc(16) }), { code: 'SLUICE_E_PSEUDO_CONFIG_INVALID', message: /policy 'email': key length/ });
  assert.throws(() => n.createPolicy({ ...spec, method: 'ff3' as never }), { code: 'SLUICE_E_NATIVE_BAD_ARGUMENT' });
  assert.throws(() => n.policyForward({} as never, 'x'), { code: 'SLUICE_E_NATIVE_BAD_ARGUMENT' });
});
