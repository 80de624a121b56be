/**
 * The front end must turn any text into diagnostics, never an exception or a hang: seeded random
 * mutations of the corpus files (deterministic, so a failure reproduces) all compile to a result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileIdlSource } from '../../../src/idl';

const corpus = path.resolve(__dirname, '../../idl-corpus');
const sources = ['accept', 'reject'].flatMap((d) => fs.readdirSync(path.join(corpus, d)).filter((f) => f.endsWith('.thrift')).map((f) => fs.readFileSync(path.join(corpus, d, f), 'utf8')));
const pieces = ['{', '}', '(', ')', '<', '>', '[', ']', '=', ':', ';', ',', '"', "'", '\\', '/*', '*/', '#', '\n', '-', '+', '.5', '0x', '9223372036854775808', 'i32', 'list', 'map<', 'struct', 'service', 'extends', 'throws', 'oneway', 'enum', 'const', 'typedef', 'include "x.thrift"', 'E.A', 'uuid', '&', '*'];

test('seeded random mutations of every corpus file compile to diagnostics without throwing', () => {
  let seed = 20240601;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let i = 0; i < 600; i++) {
    let text = sources[rnd(sources.length)]!;
    for (let m = 1 + rnd(3); m > 0; m--) {
      const at = rnd(text.length + 1);
      const op = rnd(3);
      if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + rnd(6));
      else if (op === 1) text = text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at);
      else { const from = rnd(text.length + 1); text = text.slice(0, at) + text.slice(from, from + rnd(12)) + text.slice(at); }
    }
    const r = compileIdlSource(text, { path: '/fuzz/main.thrift' });
    assert.equal(r.schema === undefined, r.diagnostics.some((d) => d.severity === 'error'), `iteration ${i}`);
  }
});
