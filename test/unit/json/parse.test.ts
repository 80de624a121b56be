import test from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber, parseJson } from '../../../src/json';
import { SluiceError } from '../../../src/errors';

function malformed(text: string): SluiceError {
  try {
    parseJson(text);
  } catch (err) {
    assert.ok(err instanceof SluiceError);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
}

test('parser keeps number text exactly, beyond what a double can hold', () => {
  const v = parseJson('{"a": 9223372036854775807, "b": [-0.0, 1e400, 0.1]}') as Record<string, unknown>;
  assert.deepEqual(v['a'], new JsonNumber('9223372036854775807'));
  assert.deepEqual((v['b'] as JsonNumber[]).map((n) => n.text), ['-0.0', '1e400', '0.1']);
});

test('parser decodes every escape, surrogate pairs and non-ASCII text', () => {
  assert.equal(parseJson('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 hé 😀"'), 'a"\\/\b\f\n\r\té😀 hé 😀');
});

test('parser builds null-prototype objects so __proto__ and constructor are ordinary keys', () => {
  const v = parseJson('{"__proto__": 1, "constructor": 2}') as Record<string, JsonNumber>;
  assert.equal(Object.getPrototypeOf(v), null);
  assert.deepEqual(Object.keys(v), ['__proto__', 'constructor']);
});

test('parser rejects what RFC 8259 rejects, with a position and no field', () => {
  for (const bad of ['', '{', '[1,]', '{"a":1,}', '01', '1.', '.5', '+1', '1e', "'a'", '"\u0001"', '"\\x"', '"\\u12"',
    'tru', 'nul', '{"a" 1}', '{a:1}', '[1 2]', '1 2', '"abc', 'NaN', 'Infinity', '-']) {
    const err = malformed(bad);
    assert.equal(err.code, 'SLUICE_E_JSON_MALFORMED', bad);
    assert.equal(err.field, undefined);
    assert.equal(err.statusCode, 400);
  }
  assert.match(malformed('{\n  "a": tru\n}').message, /line 2, column 8/);
});

test('parser limits nesting depth instead of overflowing the stack', () => {
  assert.equal(malformed('['.repeat(100_000)).code, 'SLUICE_E_JSON_MALFORMED');
  assert.deepEqual(parseJson('[[[]]]', { maxDepth: 3 }), [[[]]]);
  assert.equal(malformed('{"a":'.repeat(600) + '1' + '}'.repeat(600)).code, 'SLUICE_E_JSON_MALFORMED');
});

test('parser accepts surrounding whitespace, a leading byte order mark and every literal', () => {
  assert.equal(parseJson('\ufeff "x"'), 'x');
  assert.deepEqual(parseJson(' \t\r\n[true, false, null, "", {}, []] \n'), [true, false, null, '', Object.create(null), []]);
});
