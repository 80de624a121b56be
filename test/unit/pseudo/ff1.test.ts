import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFf1Domain, ff1DecryptNumerals, ff1EncryptNumerals, ff1MinLength } from '../../../src/pseudo/ff1';
import { Alphabet } from '../../../src/pseudo/alphabet';
import { FF1_MIN_ACCEPTED, FF1_MUST_REJECT, NIST_FF1, WYCHEPROOF_FF1 } from './vectors';
import { Rng, SEED } from './rng';

const h = (s: string) => Buffer.from(s, 'hex');

for (const v of [...NIST_FF1, ...WYCHEPROOF_FF1]) {
  test(`FF1 reference reproduces ${v.name} both ways`, () => {
    const a = Alphabet.ofRadix(v.radix);
    assert.equal(a.fromNumerals(ff1EncryptNumerals(h(v.key), h(v.tweak), v.radix, a.toNumerals(v.pt))), v.ct);
    assert.equal(a.fromNumerals(ff1DecryptNumerals(h(v.key), h(v.tweak), v.radix, a.toNumerals(v.ct))), v.pt);
  });
}

test('FF1 rejects domains below 10^6 (Rev.1) and accepts the smallest allowed length', () => {
  const key = h(NIST_FF1[0].key);
  for (const { radix, len } of FF1_MUST_REJECT) {
    assert.throws(() => ff1EncryptNumerals(key, Buffer.alloc(0), radix, new Array<number>(len).fill(0)), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' }, `${radix}^${len}`);
  }
  for (const { radix, len } of FF1_MIN_ACCEPTED) {
    assert.equal(ff1MinLength(radix), len);
    assert.equal(ff1EncryptNumerals(key, Buffer.alloc(0), radix, new Array<number>(len).fill(radix - 1)).length, len);
  }
});

test('FF1 rejects radix outside 2..65536, numerals outside the radix and bad key sizes', () => {
  assert.throws(() => checkFf1Domain(1, 30), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
  assert.throws(() => checkFf1Domain(65537, 4), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
  const key = h(NIST_FF1[0].key);
  assert.throws(() => ff1EncryptNumerals(key, Buffer.alloc(0), 10, [1, 2, 3, 4, 5, 10]), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
  assert.throws(() => ff1EncryptNumerals(Buffer.alloc(20), Buffer.alloc(0), 10, [1, 2, 3, 4, 5, 6]), { code: 'SLUICE_E_PSEUDO_BAD_KEY' });
  assert.throws(() => Alphabet.ofRadix(10).toNumerals('12345a'), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
});

test(`FF1 round trip keeps alphabet and length, leading zeros included, for radix 2..65536 (seed ${SEED})`, () => {
  const rng = new Rng();
  for (const radix of [2, 3, 10, 16, 17, 26, 36, 62, 64, 85, 95, 255, 256, 65535, 65536]) {
    for (let i = 0; i < 8; i++) {
      const key = rng.bytes(rng.pick([16, 24, 32]));
      const tweak = rng.bytes(rng.int(0, 20));
      const len = ff1MinLength(radix) + rng.int(0, 12);
      const x = Array.from({ length: len }, () => rng.int(0, radix - 1));
      if (i === 0) x[0] = 0;
      const y = ff1EncryptNumerals(key, tweak, radix, x);
      assert.equal(y.length, len);
      assert.ok(y.every((d) => Number.isInteger(d) && d >= 0 && d < radix));
      assert.deepEqual(ff1DecryptNumerals(key, tweak, radix, y), x);
      assert.deepEqual(ff1EncryptNumerals(key, tweak, radix, x), y, 'deterministic');
    }
  }
});

test(`FF1: a different key, tweak or value gives a different ciphertext (seed ${SEED})`, () => {
  const rng = new Rng();
  const a = Alphabet.ofRadix(10);
  for (let i = 0; i < 50; i++) {
    const key = rng.bytes(16);
    const tweak = rng.bytes(8);
    const x = a.toNumerals(rng.string(a.chars, 10));
    const y = ff1EncryptNumerals(key, tweak, 10, x).join('');
    const key2 = Buffer.from(key); key2[0] ^= 1;
    const tweak2 = Buffer.from(tweak); tweak2[7] ^= 1;
    const x2 = [...x]; x2[9] = (x2[9] + 1) % 10;
    assert.notEqual(ff1EncryptNumerals(key2, tweak, 10, x).join(''), y);
    assert.notEqual(ff1EncryptNumerals(key, tweak2, 10, x).join(''), y);
    assert.notEqual(ff1EncryptNumerals(key, tweak, 10, x2).join(''), y);
  }
});

test(`FF1 reference agrees with @noble/ciphers FF1 on random inputs (seed ${SEED})`, async () => {
  const { FF1 } = await import('@noble/ciphers/ff1.js');
  const rng = new Rng();
  for (let i = 0; i < 60; i++) {
    const radix = rng.pick([2, 10, 16, 36, 62, 256, 1000]);
    const key = rng.bytes(rng.pick([16, 24, 32]));
    const tweak = rng.bytes(rng.int(0, 16));
    const len = ff1MinLength(radix) + rng.int(0, 10);
    const x = Array.from({ length: len }, () => rng.int(0, radix - 1));
    assert.deepEqual(ff1EncryptNumerals(key, tweak, radix, x), FF1(radix, key, tweak).encrypt(x));
  }
});

test('Alphabet maps strings by code point and refuses repeated characters', () => {
  const a = new Alphabet('αβγδεζηθικ');
  assert.equal(a.radix, 10);
  assert.equal(a.fromNumerals(a.toNumerals('αβγδεζ')), 'αβγδεζ');
  assert.throws(() => new Alphabet('0012'), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
  assert.throws(() => new Alphabet('0'), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
});
