/**
 * The C++ primitives (native/src/pseudo, through native/binding/pseudo_binding.cc) reproduce every
 * known answer and agree with the TypeScript reference on random inputs. OpenSSL's symbols exist only
 * inside the node process, so this is where the native crypto is tested.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNativePseudo, nativeLoadFailure, type NativePseudo } from '../../../src/pseudo/native';
import { sivDecrypt, sivEncrypt } from '../../../src/pseudo/siv';
import { ff1EncryptNumerals, ff1MinLength } from '../../../src/pseudo/ff1';
import { hmacSha256 } from '../../../src/pseudo/hmac';
import { mask } from '../../../src/pseudo/mask';
import { Alphabet } from '../../../src/pseudo/alphabet';
import { NIST_FF1, RFC4231, SIV, WYCHEPROOF_FF1, FF1_MUST_REJECT } from './vectors';
import { Rng, SEED } from './rng';

const h = (s: string) => Buffer.from(s, 'hex');

function native(): NativePseudo {
  const n = loadNativePseudo();
  assert.ok(n, `native addon with pseudo primitives must load (build native/ first): ${nativeLoadFailure()}`);
  return n;
}

test('native AES-SIV reproduces RFC 5297 A.1/A.2, the no-AD/empty-AD rows and the empty-plaintext row', () => {
  const n = native();
  for (const v of SIV) {
    const token = n.sivEncrypt(h(v.key), v.ad.map(h), h(v.pt));
    assert.equal(token.toString('hex'), v.tag + v.ct, v.name);
    assert.equal(n.sivDecrypt(h(v.key), v.ad.map(h), token).toString('hex'), v.pt, v.name);
  }
});

test('native FF1 reproduces NIST samples 1–9 and the Wycheproof rows, and rejects sizes below 10^6', () => {
  const n = native();
  for (const v of [...NIST_FF1, ...WYCHEPROOF_FF1]) {
    const a = Alphabet.ofRadix(v.radix);
    const ct = n.ff1Encrypt(h(v.key), h(v.tweak), v.radix, Uint32Array.from(a.toNumerals(v.pt)));
    assert.equal(a.fromNumerals(Array.from(ct)), v.ct, v.name);
    const pt = n.ff1Decrypt(h(v.key), h(v.tweak), v.radix, Uint32Array.from(a.toNumerals(v.ct)));
    assert.equal(a.fromNumerals(Array.from(pt)), v.pt, v.name);
  }
  for (const { radix, len } of FF1_MUST_REJECT) {
    assert.throws(() => n.ff1Encrypt(h(NIST_FF1[0].key), Buffer.alloc(0), radix, new Uint32Array(len)), { code: 'SLUICE_E_PSEUDO_BAD_INPUT' });
  }
});

test('native HMAC-SHA-256 reproduces RFC 4231 test cases 1–7', () => {
  const n = native();
  for (const v of RFC4231) assert.equal(n.hmacSha256(h(v.key), h(v.data)).subarray(0, v.truncatedTo ?? 32).toString('hex'), v.mac, v.name);
});

test('native AES-SIV refuses tampered tokens, wrong AD and bad key sizes with stable codes', () => {
  const n = native();
  const v = SIV[0];
  const token = h(v.tag + v.ct);
  for (let i = 0; i < token.length; i++) {
    const bad = Buffer.from(token);
    bad[i] ^= 0x40;
    assert.throws(() => n.sivDecrypt(h(v.key), v.ad.map(h), bad), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
  }
  assert.throws(() => n.sivDecrypt(h(v.key), [], token), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
  assert.throws(() => n.sivDecrypt(h(v.key), [], token.subarray(0, 10)), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
  assert.throws(() => n.sivEncrypt(Buffer.alloc(16), [], h('00')), { code: 'SLUICE_E_PSEUDO_BAD_KEY' });
  assert.throws(() => n.sivEncrypt('nope' as unknown as Uint8Array, [], h('00')), { code: 'SLUICE_E_NATIVE_BAD_ARGUMENT' });
});

test(`native and TypeScript AES-SIV agree on random keys, AD lists and plaintexts (seed ${SEED})`, () => {
  const n = native();
  const rng = new Rng();
  for (let i = 0; i < 300; i++) {
    const key = rng.bytes(rng.pick([32, 48, 64]));
    const ad = Array.from({ length: rng.int(0, 4) }, () => rng.bytes(rng.int(0, 48)));
    const pt = rng.bytes(rng.int(0, 100));
    const token = n.sivEncrypt(key, ad, pt);
    assert.deepEqual(token, sivEncrypt(key, ad, pt));
    assert.deepEqual(sivDecrypt(key, ad, token), pt);
    assert.deepEqual(n.sivDecrypt(key, ad, token), pt);
  }
});

test(`native and TypeScript FF1 agree on random radices, keys, tweaks and values (seed ${SEED})`, () => {
  const n = native();
  const rng = new Rng();
  for (let i = 0; i < 200; i++) {
    const radix = rng.pick([2, 3, 10, 16, 26, 36, 62, 95, 256, 4096, 65535, 65536]);
    const key = rng.bytes(rng.pick([16, 24, 32]));
    const tweak = rng.bytes(rng.int(0, 24));
    const len = ff1MinLength(radix) + rng.int(0, 40);
    const x = Array.from({ length: len }, () => rng.int(0, radix - 1));
    const y = n.ff1Encrypt(key, tweak, radix, Uint32Array.from(x));
    assert.deepEqual(Array.from(y), ff1EncryptNumerals(key, tweak, radix, x), `radix ${radix} len ${len}`);
    assert.deepEqual(Array.from(n.ff1Decrypt(key, tweak, radix, y)), x);
  }
});

test(`native and TypeScript HMAC and mask agree on random inputs (seed ${SEED})`, () => {
  const n = native();
  const rng = new Rng();
  const chars = Array.from('ab-c d😀é+()0123456789');
  for (let i = 0; i < 300; i++) {
    const key = rng.bytes(rng.int(0, 100));
    const data = rng.bytes(rng.int(0, 200));
    assert.deepEqual(n.hmacSha256(key, data), hmacSha256(key, data));
    const value = rng.string(chars, rng.int(0, 20));
    const opts = { keepFirst: rng.int(0, 4), keepLast: rng.int(0, 4), char: rng.pick(['*', '•', 'x']), skip: rng.pick(['', '-', '+() -']) };
    assert.equal(n.mask(value, opts), mask(value, opts));
  }
});
