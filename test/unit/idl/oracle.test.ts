/**
 * Oracle test: every IDL in test/idl-corpus is fed to Debian's `thrift --gen json` (Apache Thrift 0.17)
 * and to our front end. Accepted files must load without errors and our resolved model must print the
 * same JSON the compiler prints; rejected files must fail in both, ours with a located diagnostic of
 * the code named in the file's `# expect: SLUICEnnnn at [file:]line:col` line, at that place.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic, loadIdl } from '../../../src/idl';
import { emptyContainersAsArrays, normalizeOracle, oracleShape } from './helpers/oracle-shape';
import { parseLosslessJson } from './helpers/lossless-json';

const THRIFT = '/usr/bin/thrift';
const corpus = path.resolve(__dirname, '../../idl-corpus');
const includeDir = path.join(corpus, 'accept', 'include-path');
const skip = fs.existsSync(THRIFT) ? false : `${THRIFT} (Debian thrift-compiler 0.17) is not installed`;

const list = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.thrift')).sort().map((f) => path.join(dir, f));

function runCompiler(file: string): { status: number | null; out: string; stderr: string } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-idl-oracle-'));
  // 0.17 never returns on some inputs (an unterminated comment, a typedef cycle): a timeout counts as a rejection.
  const r = spawnSync(THRIFT, ['-r', '-I', includeDir, '--gen', 'json', '-o', out, file], { encoding: 'utf8', timeout: 5000, killSignal: 'SIGKILL' });
  return { status: r.status, out, stderr: r.stderr + r.stdout };
}

for (const file of list(path.join(corpus, 'accept'))) {
  test(`accept/${path.basename(file)}: loads without errors and equals thrift --gen json`, { skip }, () => {
    const oracle = runCompiler(file);
    try {
      assert.equal(oracle.status, 0, `thrift 0.17 rejects a corpus accept file:\n${oracle.stderr}`);
      const ours = loadIdl([file], { includeDirs: [includeDir] });
      const errors = ours.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
      assert.deepEqual(errors, []);
      const schema = ours.schema!;
      const generated = fs.readdirSync(path.join(oracle.out, 'gen-json'));
      assert.equal(generated.length, schema.files.size, 'one JSON per loaded file');
      for (const json of generated) {
        const expected = emptyContainersAsArrays(normalizeOracle(parseLosslessJson(fs.readFileSync(path.join(oracle.out, 'gen-json', json), 'utf8'))));
        const ourFile = [...schema.files.values()].find((f) => f.name === path.basename(json, '.json'));
        assert.ok(ourFile, `we loaded ${json.replace(/\.json$/, '.thrift')}`);
        assert.deepStrictEqual(emptyContainersAsArrays(oracleShape(schema, ourFile)), expected, `model of ${ourFile.path}`);
      }
    } finally {
      fs.rmSync(oracle.out, { recursive: true, force: true });
    }
  });
}

for (const file of list(path.join(corpus, 'reject'))) {
  const [, expect, where] = /#\s*expect:\s*SLUICE(\d+)(?: at (\S+))?/.exec(fs.readFileSync(file, 'utf8')) ?? [];
  test(`reject/${path.basename(file)}: fails in thrift 0.17 and in ours with SLUICE${expect} at file:line:col`, { skip }, () => {
    assert.ok(expect, 'the file names its expected code in a "# expect: SLUICEnnnn" comment');
    const oracle = runCompiler(file);
    fs.rmSync(oracle.out, { recursive: true, force: true });
    assert.notEqual(oracle.status, 0, 'thrift 0.17 accepts a corpus reject file');
    const ours = loadIdl([file], { includeDirs: [includeDir] });
    assert.equal(ours.schema, undefined);
    const errors = ours.diagnostics.filter((d) => d.severity === 'error');
    const hit = errors.find((d) => String(d.code) === expect);
    assert.ok(hit, `expected SLUICE${expect}, got:\n${ours.diagnostics.map(formatDiagnostic).join('\n')}`);
    assert.ok(hit.loc.line >= 1 && hit.loc.column >= 1 && path.isAbsolute(hit.loc.file));
    if (where !== undefined) {
      const at = hit.loc.file === file ? `${hit.loc.line}:${hit.loc.column}` : `${path.relative(path.dirname(file), hit.loc.file)}:${hit.loc.line}:${hit.loc.column}`;
      assert.equal(at, where, 'location of the diagnostic');
    }
  });
}
