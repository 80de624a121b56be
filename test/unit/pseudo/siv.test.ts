import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sivDecrypt, sivEncrypt } from '../../../src/pseudo/siv';
import { SIV } from './vectors';
import { Rng, SEED } from './rng';

const h = (s: string) => Buffer.from(s, 'hex');

for (const v of SIV) {
  test(`AES-SIV reference reproduces ${v.name} (tag‖ciphertext) and decrypts it back`, () => {
    const token = sivEncrypt(h(v.key), v.ad.map(h), h(v.pt));
    assert.equal(token.toString('hex'), v.tag + v.ct);
    assert.equal(sivDecrypt(h(v.key), v.ad.map(h), token).toString('hex'), v.pt);
  });
}

test('AES-SIV: no associated data and one empty component give different tags', () => {
  const key = h(SIV[0].key);
  const none = sivEncrypt(key, [], h('00'));
  const empty = sivEncrypt(key, [Buffer.alloc(0)], h('00'));
  assert.notEqual(none.toString('hex'), empty.toString('hex'));
  assert.throws(() => sivDecrypt(key, [Buffer.alloc(0)], none), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
});

test(`AES-SIV: flipping any bit of a token makes decryption fail with no output (seed ${SEED})`, () => {
  const rng = new Rng();
  for (const v of SIV) {
    const token = h(v.tag + v.ct);
    for (let bit = 0; bit < token.length * 8; bit += rng.int(1, 7)) {
      const bad = Buffer.from(token);
      bad[bit >> 3] ^= 1 << (bit & 7);
      assert.throws(() => sivDecrypt(h(v.key), v.ad.map(h), bad), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' }, `${v.name} bit ${bit}`);
    }
  }
});

test('AES-SIV: truncated tokens, wrong keys and reordered AD are rejected', () => {
  const v = SIV[1];
  const token = h(v.tag + v.ct);
  assert.throws(() => sivDecrypt(h(v.key), v.ad.map(h), token.subarray(0, 15)), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
  assert.throws(() => sivDecrypt(h(v.key), v.ad.map(h), token.subarray(0, token.length - 1)), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
  assert.throws(() => sivDecrypt(h(SIV[0].key), v.ad.map(h), token), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
  assert.throws(() => sivDecrypt(h(v.key), [...v.ad].reverse().map(h), token), { code: 'SLUICE_E_PSEUDO_AUTH_FAILED' });
});

test('AES-SIV: keys other than 32/48/64 bytes are refused', () => {
  for (const n of [0, 16, 31, 33, 63, 65]) {
    assert.throws(() => sivEncrypt(Buffer.alloc(n), [], h('00')), { code: 'SLUICE_E_PSEUDO_BAD_KEY' });
  }
});

test(`AES-SIV round trip, determinism and separation on random inputs (seed ${SEED})`, () => {
  const rng = new Rng();
  for (let i = 0; i < 200; i++) {
    const key = rng.bytes(rng.pick([32, 48, 64]));
    const ad = Array.from({ length: rng.int(0, 3) }, () => rng.bytes(rng.int(0, 40)));
    const pt = rng.bytes(rng.int(0, 70));
    const token = sivEncrypt(key, ad, pt);
    assert.equal(token.length, pt.length + 16);
    assert.deepEqual(sivDecrypt(key, ad, token), pt);
    assert.deepEqual(sivEncrypt(key, ad, pt), token);
    const otherPt = Buffer.concat([pt, Buffer.from([rng.int(0, 255)])]);
    assert.notDeepEqual(sivEncrypt(key, ad, otherPt).subarray(0, 16), token.subarray(0, 16));
    // The S2V half of the key changes every tag; the CTR half only matters when there is ciphertext.
    const macKeyChanged = Buffer.from(key);
    macKeyChanged[rng.int(0, key.length / 2 - 1)] ^= 1;
    assert.notDeepEqual(sivEncrypt(macKeyChanged, ad, pt), token);
    const ctrKeyChanged = Buffer.from(key);
    ctrKeyChanged[rng.int(key.length / 2, key.length - 1)] ^= 1;
    if (pt.length > 0) assert.notDeepEqual(sivEncrypt(ctrKeyChanged, ad, pt).subarray(16), token.subarray(16));
    assert.notDeepEqual(sivEncrypt(key, [...ad, Buffer.from('x')], pt), token);
  }
});

test(`AES-SIV reference agrees with @noble/ciphers aessiv on random inputs (seed ${SEED})`, async () => {
  const { aessiv } = await import('@noble/ciphers/aes.js');
  const rng = new Rng();
  for (let i = 0; i < 100; i++) {
    const key = rng.bytes(rng.pick([32, 48, 64]));
    const ad = Array.from({ length: rng.int(0, 3) }, () => Uint8Array.from(rng.bytes(rng.int(0, 40))));
    const pt = rng.bytes(rng.int(1, 70));
    const theirs = aessiv(Uint8Array.from(key), ...ad).encrypt(Uint8Array.from(pt));
    assert.equal(sivEncrypt(key, ad, pt).toString('hex'), Buffer.from(theirs).toString('hex'));
  }
});
