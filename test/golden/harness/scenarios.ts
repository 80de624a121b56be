/**
 * Golden scenarios: each folder under test/golden with an `input.thrift` (plus any files it includes),
 * an `options.json` and the committed `expected/**.ts`. Shared by the golden test and
 * `npm run golden:update` so both generate exactly the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate, type GeneratedFile } from '../../../codegen/index';
import { formatDiagnostic, loadIdl } from '../../../src/idl/index';

export const GOLDEN_DIR = path.resolve(__dirname, '..');

interface ScenarioOptions {
  /** Extra include directories, relative to the scenario folder. */
  readonly includeDirs?: string[];
}

/** Absolute paths of every scenario folder, sorted. */
export function listScenarios(): string[] {
  return fs.readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(GOLDEN_DIR, e.name, 'input.thrift')))
    .map((e) => path.join(GOLDEN_DIR, e.name))
    .sort();
}

/** Generates the scenario's modules from its IDL; throws with the diagnostics when the IDL does not load. */
export function generateScenario(dir: string): GeneratedFile[] {
  return generateFor([path.join(dir, 'input.thrift')], readOptions(dir).includeDirs?.map((d) => path.resolve(dir, d)) ?? []);
}

/** Generates modules for IDL files; throws with the diagnostics when they do not load. */
export function generateFor(inputs: string[], includeDirs: string[] = []): GeneratedFile[] {
  const loaded = loadIdl(inputs, { includeDirs });
  if (!loaded.schema) throw new Error(`IDL does not load:\n${loaded.diagnostics.map(formatDiagnostic).join('\n')}`);
  return generate(loaded.schema);
}

function readOptions(dir: string): ScenarioOptions {
  const p = path.join(dir, 'options.json');
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as ScenarioOptions) : {};
}

/** The committed expected files of a scenario, by path relative to `expected/`. */
export function readExpected(dir: string): Map<string, string> {
  const root = path.join(dir, 'expected');
  const out = new Map<string, string>();
  if (!fs.existsSync(root)) return out;
  for (const name of fs.readdirSync(root).sort()) out.set(name, fs.readFileSync(path.join(root, name), 'utf8'));
  return out;
}

/** Replaces `expected/` with `files`; returns the names that changed (added, modified or removed). */
export function writeExpected(dir: string, files: GeneratedFile[]): string[] {
  const before = readExpected(dir);
  const root = path.join(dir, 'expected');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const changed: string[] = [];
  for (const f of files) {
    fs.writeFileSync(path.join(root, f.path), f.content);
    if (before.get(f.path) !== f.content) changed.push(f.path);
    before.delete(f.path);
  }
  return [...changed, ...before.keys()];
}
