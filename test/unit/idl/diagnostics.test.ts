import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../../../src/idl/diagnostics';

const entries = Object.values(Diagnostics);
const docRow = (d: (typeof entries)[number]) => `| SLUICE${d.code} | ${d.severity} | ${d.message.replace(/\|/g, '\\|')} | ${d.hint.replace(/\|/g, '\\|')} |`;

test('diagnostic codes are unique, 1xxx–3xxx, and 3014 stays retired', () => {
  const codes = entries.map((d) => d.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.ok(c >= 1000 && c < 4000, `code ${c}`);
  assert.ok(!codes.includes(3014));
});

test('messages and hints are single sentences ending in a period', () => {
  for (const d of entries) {
    assert.match(d.message, /\.$/, `SLUICE${d.code} message`);
    assert.match(d.hint, /\.$/, `SLUICE${d.code} hint`);
  }
});

test('docs/idl.md lists exactly the diagnostics of the table, with the same text', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/idl.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => /^\| SLUICE\d{4} \|/.test(l));
  assert.deepEqual(rows, entries.map(docRow));
});
