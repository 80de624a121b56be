import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constant, mask, redact } from '../../../src/pseudo/mask';

test('mask keeps the last N characters and replaces the rest with the mask character', () => {
  assert.equal(mask('4111111111111111', { keepLast: 4, char: '*' }), '************1111');
});

test('mask leaves skip characters in place and does not count them', () => {
  assert.equal(mask('1234-5678-9012-3456', { keepLast: 4, skip: '-' }), '****-****-****-3456');
  assert.equal(mask('+1 (555) 010-9999', { keepFirst: 1, keepLast: 2, skip: '+ ()-', char: '#' }), '+1 (###) ###-##99');
});

test('mask hides a value entirely when it is not longer than what would be kept', () => {
  assert.equal(mask('1234', { keepLast: 4 }), '****');
  assert.equal(mask('12345', { keepFirst: 2, keepLast: 3 }), '*****');
  assert.equal(mask('123456', { keepFirst: 2, keepLast: 3 }), '12*456');
  assert.equal(mask('', { keepLast: 4 }), '');
});

test('mask counts code points, not UTF-16 units', () => {
  assert.equal(mask('a😀b😀c', { keepFirst: 1, keepLast: 1, char: '•' }), 'a•••c');
});

test('redact yields the empty string and constant yields the configured replacement', () => {
  assert.equal(redact('secret'), '');
  assert.equal(constant('secret', 'REDACTED'), 'REDACTED');
});
