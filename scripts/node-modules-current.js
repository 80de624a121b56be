#!/usr/bin/env node
'use strict';
// Exits 0 when <dir>/node_modules holds exactly the package versions package-lock.json asks for (npm's
// hidden lockfile node_modules/.package-lock.json records what is installed), 1 otherwise. Compares content,
// not modification times, so a fresh checkout next to an existing install still counts as current.
// Usage: node scripts/node-modules-current.js [dir]
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(process.argv[2] ?? '.');
const read = (f) => { try { return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).packages ?? {}; } catch { return undefined; } };
const wanted = read('package-lock.json');
const installed = read('node_modules/.package-lock.json');
if (!wanted || !installed) process.exit(1);
// Optional packages for other platforms (esbuild's per-OS binaries) are legitimately absent.
const stale = Object.keys(wanted).filter((k) => k !== '' && !wanted[k].link
  && (installed[k] ? installed[k].version !== wanted[k].version : !wanted[k].optional));
if (stale.length > 0) console.error(`node_modules is not current: ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}`);
process.exit(stale.length === 0 ? 0 : 1);
