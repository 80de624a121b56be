import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicySet } from '../../../src/pseudo/policy';
import { applyForward, applyForwardInteger, applyReverse, applyReverseInteger, PseudoStatus, tryForward, tryReverse } from '../../../src/pseudo/apply';
import { policyAppliesTo } from '../../../src/pseudo/transform-integer';
import { ff1MinLength } from '../../../src/pseudo/ff1';
import { ring, SECTION } from './fixtures';
import { Rng, SEED } from './rng';

const set = compilePolicySet(SECTION, { keyring: ring() });
const policy = (name: string) => {
  const p = set.get(name);
  assert.ok(p, name);
  return p;
};

test('siv policy: token t1.<keyId>.<base32>, deterministic, and reversible', () => {
  const p = policy('email');
  const t = applyForward(p, 'alice@example.com');
  assert.match(t, /^t1\.k1\.[a-z2-7]+$/);
  assert.equal(applyForward(p, 'alice@example.com'), t);
  assert.equal(applyReverse(p, t), 'alice@example.com');
  assert.equal(applyReverse(p, t.toUpperCase().replace('T1.K1.', 't1.k1.')), 'alice@example.com', 'case-folded tokens still open');
});

test('siv policy: a different domain or a different key gives a different token', () => {
  const a = compilePolicySet({ policies: { x: { method: 'siv', domain: 'one' } } }, { keyring: ring() }).get('x')!;
  const b = compilePolicySet({ policies: { x: { method: 'siv', domain: 'two' } } }, { keyring: ring() }).get('x')!;
  const c = compilePolicySet({ policies: { x: { method: 'siv', domain: 'one' } } }, { keyring: ring({ k2: true, k2Primary: true }) }).get('x')!;
  const ta = applyForward(a, 'v');
  assert.notEqual(applyForward(b, 'v'), ta);
  assert.notEqual(applyForward(c, 'v').slice(6), ta.slice(6));
  // A token from domain one does not open in domain two: the domain is in the associated data.
  assert.throws(() => applyReverse(b, ta), { code: 'SLUICE_E_PSEUDO_FAILED', statusCode: 422 });
});

test('siv policy: tampered tokens and relabelled key ids fail closed with 422 and no plaintext', () => {
  const p = policy('email');
  const t = applyForward(p, 'alice@example.com');
  const last = t.at(-1) === 'a' ? 'b' : 'a';
  for (const bad of [t.slice(0, -1) + last, t.slice(0, 10) + (t[10] === 'a' ? 'b' : 'a') + t.slice(11), t.replace('t1.k1.', 't1.k2.'), t.replace('t1.', 't2.'), 'alice@example.com', t.slice(0, 20)]) {
    assert.throws(() => applyReverse(p, bad), (err: Error & { code?: string; field?: string }) => {
      assert.equal(err.code, 'SLUICE_E_PSEUDO_FAILED');
      assert.ok(!err.message.includes('alice') && !err.message.includes(bad), 'message never echoes value or token');
      return true;
    });
  }
});

test('key rotation: old tokens open while their key stays; new tokens use the new primary; removing the key fails closed', () => {
  const before = compilePolicySet(SECTION, { keyring: ring() }).get('email')!;
  const oldToken = applyForward(before, 'bob@example.com');
  const rotated = compilePolicySet(SECTION, { keyring: ring({ k2: true, k2Primary: true }) }).get('email')!;
  const newToken = applyForward(rotated, 'bob@example.com');
  assert.match(newToken, /^t1\.k2\./);
  assert.equal(applyReverse(rotated, oldToken), 'bob@example.com');
  assert.equal(applyReverse(rotated, newToken), 'bob@example.com');
  const retired = compilePolicySet(SECTION, { keyring: ring({ k1: false, k2: true, k2Primary: true }) }).get('email')!;
  assert.equal(applyReverse(retired, newToken), 'bob@example.com');
  assert.throws(() => applyReverse(retired, oldToken), { code: 'SLUICE_E_PSEUDO_FAILED', message: /key that is not in the keyring/ });
});

test('email-aware siv keeps the (lower-cased) domain, folds case, and restores the normalized address', () => {
  const p = policy('email_keep');
  const t = applyForward(p, ' Alice@Example.COM ');
  assert.match(t, /^t1\.k1\.[a-z2-7]+@example\.com$/);
  assert.equal(applyForward(p, 'alice@example.com'), t);
  assert.equal(applyReverse(p, t), 'alice@example.com');
  const f = policy('email_fold');
  const tf = applyForward(f, 'Alice@Example.com');
  assert.match(tf, /^t1\.k1\.[a-z2-7]+@pseudo\.invalid$/);
  assert.ok(!tf.includes('example'));
  assert.equal(applyReverse(f, tf), 'alice@example.com');
  assert.throws(() => applyReverse(f, tf.replace('pseudo.invalid', 'example.com')), { code: 'SLUICE_E_PSEUDO_FAILED' });
});

test('email-aware hmac keeps the domain and is case-insensitive on the address', () => {
  const p = policy('uid_email');
  const t = applyForward(p, 'Carol@Example.com');
  assert.match(t, /^[0-9a-f]{64}@example\.com$/);
  assert.equal(applyForward(p, 'carol@example.com'), t);
  assert.equal(applyReverse(p, t), t, 'hmac is one-way');
});

test('phone-aware ff1 keeps separators in place, digits stay digits, and reverses', () => {
  for (const name of ['phone', 'phone_fmt']) {
    const p = policy(name);
    const v = '+1 (555) 010-9999';
    const t = applyForward(p, v);
    assert.equal(t.length, v.length);
    assert.equal(t.replace(/[0-9]/g, '#'), v.replace(/[0-9]/g, '#'));
    assert.notEqual(t, v);
    assert.equal(applyReverse(p, t), v);
  }
});

test('ff1 policy rejects values below the Rev.1 domain and characters outside the alphabet (fail closed, 422)', () => {
  const p = policy('phone');
  for (const v of ['12345', '555-12', '12345a', '١٢٣٤٥٦']) {
    assert.throws(() => applyForward(p, v), (err: Error & { code?: string; statusCode?: number }) => {
      assert.equal(err.code, 'SLUICE_E_PSEUDO_FAILED');
      assert.equal(err.statusCode, 422);
      assert.ok(!err.message.includes(v));
      return true;
    });
  }
  assert.equal(applyForward(p, '123456').length, 6);
});

test('on_error: pass forwards the value untouched and reports PassedOnError instead of failing', () => {
  const r = tryForward(policy('lenient'), '1234');
  assert.equal(r.status, PseudoStatus.PassedOnError);
  assert.equal(r.value, '1234');
  assert.equal(applyForward(policy('lenient'), '1234'), '1234');
  assert.equal(applyReverse(policy('lenient_siv'), 'not-a-token'), 'not-a-token');
  assert.equal(tryReverse(policy('email'), 'not-a-token').status, PseudoStatus.Rejected);
});

test('fail-closed errors carry the field path to blame', () => {
  assert.throws(() => applyForward(policy('phone'), '12', { field: 'person.phone' }), { code: 'SLUICE_E_PSEUDO_FAILED', field: 'person.phone' });
});

test('mask, redact and constant are one-way; empty strings stay empty for keyed methods', () => {
  assert.equal(applyForward(policy('card'), '4111111111111111'), '************1111');
  assert.equal(applyForward(policy('card_dashes'), '4111-1111-1111-1111'), '****-****-****-1111');
  assert.equal(applyForward(policy('gone'), 'x'), '');
  assert.equal(applyForward(policy('fixed'), 'x'), 'REDACTED');
  assert.equal(applyReverse(policy('card'), '************1111'), '************1111');
  for (const name of ['email', 'phone', 'uid']) {
    assert.equal(tryForward(policy(name), '').status, PseudoStatus.Unchanged);
    assert.equal(applyReverse(policy(name), ''), '');
  }
});

test(`ff1 on i32/i64 stays in range, round-trips, and is deterministic (seed ${SEED})`, () => {
  const p = policy('account');
  const rng = new Rng();
  const edges = { i32: [0n, -1n, 1n, 2147483647n, -2147483648n], i64: [0n, -1n, 9007199254740993n, 9223372036854775807n, -9223372036854775808n] };
  for (const type of ['i32', 'i64'] as const) {
    const bits = type === 'i32' ? 32 : 64;
    const values = [...edges[type], ...Array.from({ length: 40 }, () => rng.signed(bits))];
    for (const v of values) {
      const t = applyForwardInteger(p, v, type);
      assert.equal(BigInt.asIntN(bits, t), t, `${type} ${v} stays in range`);
      assert.equal(applyForwardInteger(p, v, type), t);
      assert.equal(applyReverseInteger(p, t, type), v);
    }
    assert.throws(() => applyForwardInteger(p, 1n << BigInt(bits), type), { code: 'SLUICE_E_PSEUDO_FAILED' });
  }
  const h = policy('uid');
  const hv = applyForwardInteger(h, 42n, 'i32');
  assert.equal(BigInt.asIntN(32, hv), hv);
  assert.equal(applyReverseInteger(h, hv, 'i32'), hv);
  assert.throws(() => applyForwardInteger(policy('card'), 1n, 'i32'), { code: 'SLUICE_E_PSEUDO_FAILED' });
  assert.equal(policyAppliesTo(policy('card'), 'i64'), false);
  assert.equal(policyAppliesTo(p, 'i64'), true);
});

test(`string policies: round trip, length/alphabet preserved, and any change of key, domain or value changes the pseudonym (seed ${SEED})`, () => {
  const rng = new Rng();
  const alt = compilePolicySet(SECTION, { keyring: ring({ k2: true, k2Primary: true }) });
  const otherDomain = compilePolicySet({ policies: { account: { method: 'ff1', radix: 10, domain: 'other' }, email: { method: 'siv', domain: 'other' }, uid: { method: 'hmac', domain: 'other' } } }, { keyring: ring() });
  const digits = Array.from('0123456789');
  for (let i = 0; i < 60; i++) {
    const v = rng.string(digits, ff1MinLength(10) + rng.int(0, 12));
    const v2 = v.slice(0, -1) + String((Number(v.at(-1)) + 1) % 10);
    for (const name of ['account', 'email', 'uid']) {
      const t = applyForward(policy(name), v);
      if (name === 'account') {
        assert.equal(t.length, v.length);
        assert.match(t, /^[0-9]+$/);
      }
      if (name !== 'uid') assert.equal(applyReverse(policy(name), t), v);
      assert.notEqual(applyForward(policy(name), v2), t, `${name}: other value`);
      assert.notEqual(applyForward(alt.get(name)!, v), t, `${name}: other key`);
      assert.notEqual(applyForward(otherDomain.get(name)!, v), t, `${name}: other domain`);
    }
  }
});
