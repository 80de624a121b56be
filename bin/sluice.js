#!/usr/bin/env node
'use strict';
// The CLI is compiled TypeScript (npm run build); fall back to tsx in a dev checkout that was never built.
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
// SLUICE_FROM_SOURCE=1 runs the TypeScript sources (tests use it so they never run a stale build).
if (fs.existsSync(built) && process.env.SLUICE_FROM_SOURCE !== '1') {
  require(built).main(process.argv.slice(2));
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'src', 'cli', 'main.ts')).main(process.argv.slice(2));
}
