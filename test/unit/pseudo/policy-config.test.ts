import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicySet, type PseudoConfigError } from '../../../src/pseudo/policy';
import { ring, SECTION } from './fixtures';

function problemsOf(section: unknown, locate?: (p: readonly (string | number)[]) => { file: string; line: number; column: number } | undefined): string[] {
  try {
    compilePolicySet(section, { keyring: ring(), locate });
  } catch (err) {
    assert.equal((err as { code?: string }).code, 'SLUICE_E_PSEUDO_CONFIG_INVALID');
    return (err as PseudoConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

test('the §7 example section and every extra method compile; describe() lists policies without keys', () => {
  const set = compilePolicySet(SECTION, { keyring: ring() });
  assert.equal(set.reidentifyScope, 'reidentify');
  assert.deepEqual(set.describe().map((d) => [d.name, d.method, d.reversible]).slice(0, 3), [['account', 'ff1', true], ['card', 'mask', false], ['card_dashes', 'mask', false]]);
  assert.equal(set.get('uid')!.keyId, 'k1');
  assert.equal(set.get('card')!.keyId, undefined);
});

test('policy validation reports every problem with its config path', () => {
  const problems = problemsOf({
    policies: {
      a: { method: 'ff3' },
      b: { method: 'ff1' },
      c: { method: 'ff1', alphabet: '0012' },
      d: { method: 'siv', keep_last: 4 },
      e: { method: 'mask', char: '**' },
      f: { method: 'hmac', encoding: 'base58' },
      g: { method: 'siv', on_error: 'ignore' },
      h: { method: 'constant' },
      i: { method: 'ff1', alphabet: '0123456789', passthrough: '-5' },
      j: { method: 'siv', email: { domain: 'drop' } },
      k: 'siv',
    },
    extra: true,
  });
  const expected = [
    'pseudonymization.extra: unknown key',
    'pseudonymization.policies.a.method: policy \'a\': method must be one of siv, ff1, hmac, mask, redact, constant',
    "pseudonymization.policies.b: policy 'b' (ff1) needs 'alphabet', 'radix' or 'format: phone'",
    'pseudonymization.policies.c.alphabet: policy \'c\': the ff1 alphabet needs at least 2 distinct characters',
    "pseudonymization.policies.d.keep_last: policy 'd': key 'keep_last' does not apply to method siv",
    "pseudonymization.policies.e.char: policy 'e': char must be one character",
    "pseudonymization.policies.f.encoding: policy 'f': encoding must be hex, base32 or base64url",
    "pseudonymization.policies.g.on_error: policy 'g': on_error must be fail or pass",
    "pseudonymization.policies.h.value: policy 'h' (constant) needs 'value'",
    "pseudonymization.policies.i.passthrough: policy 'i': passthrough characters must not be in the alphabet",
    "pseudonymization.policies.j.email: policy 'j': email.domain must be keep or pseudonymize",
    "pseudonymization.policies.k: policy 'k' must be an object",
  ];
  for (const e of expected) assert.ok(problems.some((p) => p.startsWith(e)), `missing: ${e}\n got: ${problems.join('\n')}`);
});

test('a policy pinned to a key id the keyring lacks is a load error', () => {
  assert.deepEqual(problemsOf({ policies: { p: { method: 'hmac', key: 'k9' } } }), ["pseudonymization.policies.p.key: policy 'p': key 'k9' is not in the keyring"]);
});

test('config problems carry file:line:col when the caller can locate config paths', () => {
  try {
    compilePolicySet({ policies: { p: { method: 'ff1' } } }, { keyring: ring(), locate: (p) => ({ file: 'sluice.yaml', line: 10 + p.length, column: 5 }) });
    assert.fail('expected an error');
  } catch (err) {
    assert.match((err as Error).message, /sluice\.yaml:13:5: pseudonymization\.policies\.p: policy 'p' \(ff1\) needs/);
  }
});

test('pinned keys: an hmac/ff1 policy with key: keeps its pseudonyms when the primary rotates', () => {
  const section = { policies: { u: { method: 'hmac', key: 'k1' }, v: { method: 'hmac' } } };
  const before = compilePolicySet(section, { keyring: ring({ k2: true }) });
  const after = compilePolicySet(section, { keyring: ring({ k2: true, k2Primary: true }) });
  const { applyForward } = require('../../../src/pseudo/apply') as typeof import('../../../src/pseudo/apply');
  assert.equal(applyForward(after.get('u')!, 'x'), applyForward(before.get('u')!, 'x'));
  assert.notEqual(applyForward(after.get('v')!, 'x'), applyForward(before.get('v')!, 'x'));
});
