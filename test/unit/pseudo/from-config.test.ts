import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policySetFromConfig } from '../../../src/pseudo/from-config';
import { applyForward } from '../../../src/pseudo/apply';
import type { PseudonymizationConfig, PseudoPolicyConfig } from '../../../src/config/types';
import { ring } from './fixtures';

const base = { domain: undefined, alphabet: undefined, radix: undefined, passthrough: undefined, encoding: undefined, keepFirst: undefined, keepLast: undefined, char: undefined, onError: 'fail' as const };
/** A loader-shaped policy; `raw` is the snake_case object the loader keeps (what the policy layer compiles). */
const policy = (p: Partial<PseudoPolicyConfig> & Pick<PseudoPolicyConfig, 'name' | 'method'>): PseudoPolicyConfig => {
  const q = { ...base, ...p };
  const raw = Object.fromEntries(Object.entries({
    method: q.method, on_error: q.onError, domain: q.domain, alphabet: q.alphabet, radix: q.radix, passthrough: q.passthrough,
    encoding: q.encoding, keep_first: q.keepFirst, keep_last: q.keepLast, char: q.char,
  }).filter(([, v]) => v !== undefined));
  return { ...q, raw, loc: { file: 'sluice.yaml', line: 7, column: 5 } };
};

test('a section validated by the config loader compiles into the same policies as the raw section', () => {
  const cfg: PseudonymizationConfig = {
    keyring: undefined,
    reidentifyScope: 'reid',
    policies: {
      email: policy({ name: 'email', method: 'siv', domain: 'email' }),
      phone: policy({ name: 'phone', method: 'ff1', alphabet: '0123456789', passthrough: '+-() ' }),
      uid: policy({ name: 'uid', method: 'hmac', domain: 'uid', encoding: 'base32' }),
      card: policy({ name: 'card', method: 'mask', keepLast: 4, char: '*' }),
    },
    rules: [],
    loc: undefined,
  };
  const set = policySetFromConfig(cfg, { keyring: ring() });
  assert.equal(set.reidentifyScope, 'reid');
  assert.deepEqual(set.names().sort(), ['card', 'email', 'phone', 'uid']);
  assert.match(applyForward(set.get('email')!, 'a@b.c'), /^t1\.k1\./);
  assert.equal(applyForward(set.get('card')!, '4111111111111111'), '************1111');
  assert.equal(applyForward(set.get('phone')!, '+1 (555) 010-9999').length, 17);
});

test('problems found while compiling a loader section point at the policy in the config file', () => {
  const cfg: PseudonymizationConfig = {
    keyring: undefined, reidentifyScope: 'reidentify', rules: [], loc: undefined,
    policies: { p: policy({ name: 'p', method: 'ff1', alphabet: '0123456789', passthrough: '5' }) },
  };
  assert.throws(() => policySetFromConfig(cfg, { keyring: ring() }), /sluice\.yaml:7:5: pseudonymization\.policies\.p\.passthrough/);
});
