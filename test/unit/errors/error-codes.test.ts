import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.(ts|cc|h)$/.test(e.name)) out.push(p);
  }
  return out;
}

test('every SLUICE_E_ code the source can raise is documented in docs/errors.md, and no documented code is stale', () => {
  const used = new Set<string>();
  for (const dir of ['src', 'admin', 'codegen', 'native/src', 'native/binding']) {
    for (const f of sources(path.join(repo, dir))) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/SLUICE_E_[A-Z0-9_]*[A-Z0-9]/g)) used.add(m[0]);
    }
  }
  // Prefixes that code assembles at run time (`SLUICE_E_IDL_${n}`) are families documented elsewhere.
  for (const family of ['SLUICE_E_CONFIG', 'SLUICE_E_IDL', 'SLUICE_E_JSON', 'SLUICE_E_PLAN', 'SLUICE_E_ROUTE', 'SLUICE_E_THRIFT', 'SLUICE_E_NATIVE', 'SLUICE_E_PSEUDO']) used.delete(family);
  const doc = fs.readFileSync(path.join(repo, 'docs/errors.md'), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| (SLUICE_E_[A-Z0-9_]+) \|/gm)].map((m) => m[1]!));
  assert.deepEqual([...used].filter((c) => !documented.has(c)).sort(), [], 'undocumented codes');
  assert.deepEqual([...documented].filter((c) => !used.has(c)).sort(), [], 'documented codes no source raises');
});
