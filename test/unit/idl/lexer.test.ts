import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../../src/idl/lexer';
import type { Diagnostic } from '../../../src/idl';

const lex = (src: string) => {
  const diagnostics: Diagnostic[] = [];
  const tokens = tokenize(src, '/f.thrift', diagnostics);
  return { tokens: tokens.map((t) => [t.kind, t.text] as const), all: tokens, codes: diagnostics.map((d) => d.code) };
};

test('identifiers keep inner dots but not a trailing one', () => {
  assert.deepEqual(lex('a.b.C x_1').tokens, [['ident', 'a.b.C'], ['ident', 'x_1'], ['eof', 'end of file']]);
  assert.deepEqual(lex('a.').codes, [1001]);
});

test('true and false are integer constants, as in 0.17', () => {
  const { all } = lex('true false');
  assert.deepEqual(all.slice(0, 2).map((t) => [t.kind, t.int]), [['int', 1n], ['int', 0n]]);
});

test('numbers: signs, hex, negative hex, leading-dot and exponent doubles; e10 is an identifier', () => {
  const { all } = lex('+5 -7 0x1F -0x10 .5 1e10 -2.5E-3 e10');
  assert.deepEqual(all.slice(0, 8).map((t) => [t.kind, t.int ?? t.double ?? t.text]), [
    ['int', 5n], ['int', -7n], ['int', 31n], ['int', -16n], ['double', 0.5], ['double', 1e10], ['double', -2.5e-3], ['ident', 'e10'],
  ]);
});

test('integers keep full 64-bit precision and overflow is an error', () => {
  assert.equal(lex('9223372036854775807').all[0]!.int, 9223372036854775807n);
  assert.equal(lex('-9223372036854775808').all[0]!.int, -9223372036854775808n);
  assert.deepEqual(lex('9223372036854775808').codes, [1005]);
  assert.deepEqual(lex('0x8000000000000000').codes, [1005]);
});

test('string escapes \\n \\r \\t \\" \\\' \\\\ are applied, in both quote styles', () => {
  assert.equal(lex(String.raw`"a\n\r\t\"\'\\b"`).all[0]!.text, 'a\n\r\t"\'\\b');
  assert.equal(lex(String.raw`'it\'s "x"'`).all[0]!.text, 'it\'s "x"');
});

test('any other escape is rejected and a string cannot span lines', () => {
  assert.deepEqual(lex(String.raw`"\q"`).codes, [1003]);
  assert.deepEqual(lex(String.raw`"\u00e9"`).codes, [1003]);
  assert.deepEqual(lex('"open\n"').codes, [1002, 1002]);
});

test('comments are skipped; a /** doc */ attaches to the next token and /**/ does not', () => {
  const { all } = lex('# hash\n// slashes\n/* block */ /** The doc.\n * Line two. */ struct /**/ S');
  assert.equal(all[0]!.text, 'struct');
  assert.equal(all[0]!.doc, 'The doc.\nLine two.');
  assert.equal(all[1]!.doc, undefined);
  assert.deepEqual(lex('/* open').codes, [1004]);
});

test('tokens carry 1-based line and column', () => {
  const { all } = lex('struct\n  S {');
  assert.deepEqual(all.slice(0, 3).map((t) => [t.line, t.column]), [[1, 1], [2, 3], [2, 5]]);
});
