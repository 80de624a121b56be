/** `sluice codegen` (contract §1): writes one module per IDL file, reports bad IDL with file:line:col, exit codes. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GOLDEN_DIR, generateScenario } from './harness/scenarios';

const REPO = path.resolve(GOLDEN_DIR, '../..');

function sluice(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', 'require("./src/cli/main.ts").main(process.argv.slice(1))', ...args],
    { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('sluice codegen writes the same modules the golden scenario expects, included files too', (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-codegen-cli-'));
  t.after(() => fs.rmSync(out, { recursive: true, force: true }));
  const dir = path.join(GOLDEN_DIR, 'includes');
  const r = sluice(['codegen', path.join(dir, 'input.thrift'), '--out', path.join(out, 'gen')]);
  assert.equal(r.status, 0, r.stderr);
  for (const f of generateScenario(dir)) assert.equal(fs.readFileSync(path.join(out, 'gen', f.path), 'utf8'), f.content);
  assert.deepEqual(fs.readdirSync(path.join(out, 'gen')).sort(), ['input.ts', 'shared.ts']);
});

test('sluice codegen resolves includes through -I', (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-codegen-cli-'));
  t.after(() => fs.rmSync(out, { recursive: true, force: true }));
  fs.mkdirSync(path.join(out, 'lib'));
  fs.writeFileSync(path.join(out, 'lib', 'dep.thrift'), 'struct Dep { 1: i32 x }\n');
  fs.writeFileSync(path.join(out, 'main.thrift'), 'include "dep.thrift"\nstruct Main { 1: dep.Dep d }\n');
  assert.notEqual(sluice(['codegen', path.join(out, 'main.thrift'), '--out', path.join(out, 'a')]).status, 0);
  const r = sluice(['codegen', path.join(out, 'main.thrift'), '--out', path.join(out, 'b'), '-I', path.join(out, 'lib')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(out, 'b', 'main.ts'), 'utf8'), /import \* as dep from '\.\/dep\.js';/);
});

test('sluice codegen on bad IDL prints file:line:col, writes nothing and exits 1; bad usage exits 2', (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-codegen-cli-'));
  t.after(() => fs.rmSync(out, { recursive: true, force: true }));
  const bad = path.join(out, 'bad.thrift');
  fs.writeFileSync(bad, 'struct S {\n  1: strin name\n}\n');
  const r = sluice(['codegen', bad, '--out', path.join(out, 'gen')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:6: error`));
  assert.equal(fs.existsSync(path.join(out, 'gen')), false);
  assert.equal(sluice(['codegen', bad]).status, 2, 'missing --out');
  assert.equal(sluice(['codegen', '--out', out]).status, 2, 'no IDL');
});
