#!/usr/bin/env node
'use strict';
// Runs every *.test.ts under the given folders with node's test runner (TypeScript through tsx).
// Env SLUICE_TEST_FILTER narrows to files whose path contains the given text.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function collect(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (!['node_modules', 'expected', 'tmp'].includes(e.name)) collect(p, out); }
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const dirs = process.argv.slice(2);
const filter = process.env.SLUICE_TEST_FILTER;
const files = dirs.flatMap((d) => collect(d, [])).filter((f) => !filter || f.includes(filter)).sort();
if (files.length === 0) { console.error('run-tests: no test files under ' + dirs.join(' ')); process.exit(1); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=300000', ...files], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
