/**
 * Contract §4: generated modules compile in a user's project under `tsc --strict --noUnusedLocals` with
 * module/moduleResolution node16, importing the runtime by package name, as CommonJS and as ESM. Covers
 * every golden scenario, every IDL file the IDL corpus says Apache Thrift accepts, and the demo IDL.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateFor, generateScenario, listScenarios } from './harness/scenarios';
import { REPO, createUserProject, ensureBuilt } from './harness/user-project';

const CORPUS = path.join(REPO, 'test', 'idl-corpus', 'accept');

function corpusFiles(): string[] {
  if (!fs.existsSync(CORPUS)) return [];
  return fs.readdirSync(CORPUS).filter((f) => f.endsWith('.thrift')).sort().map((f) => path.join(CORPUS, f));
}

/** The corpus keeps files meant to be found through `-I` in its subfolders. */
function corpusIncludeDirs(): string[] {
  return fs.readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(CORPUS, e.name));
}

test('generated code for every golden scenario, corpus IDL and the demo IDL compiles strictly as CommonJS and ESM', { timeout: 600_000 }, () => {
  ensureBuilt();
  const project = createUserProject();
  try {
    let modules = 0;
    for (const dir of listScenarios()) {
      for (const f of generateScenario(dir)) { project.write(`golden-${path.basename(dir)}/${f.path}`, f.content); modules++; }
    }
    for (const file of corpusFiles()) {
      // Each corpus file is its own program (with its includes), as a user would generate it.
      for (const f of generateFor([file], corpusIncludeDirs())) { project.write(`corpus-${path.basename(file, '.thrift')}/${f.path}`, f.content); modules++; }
    }
    const demo = path.join(REPO, 'idl');
    if (fs.existsSync(demo)) {
      for (const f of generateFor([demo])) { project.write(`demo/${f.path}`, f.content); modules++; }
    }
    assert.ok(modules > 0, 'nothing was generated');
    for (const esm of [false, true]) {
      const r = project.typecheck(esm);
      assert.equal(r.status, 0, `tsc (${esm ? 'ESM' : 'CommonJS'}) failed:\n${r.output}`);
    }
  } finally {
    project.remove();
  }
});
