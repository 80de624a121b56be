/**
 * `loadConfig`: reads the config file (YAML, or JSON, which YAML parses too), validates it with positions,
 * applies env overrides. With no file: `./sluice.yaml` if present, else the bundled demo (§9).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { applyEnvOverrides } from './env';
import { yamlLocator } from './locate';
import { ConfigCodes, hasErrors, type ConfigProblem } from './problems';
import { validateConfigDocument, type ConfigResult } from './validate';
import { demoConfigPath } from './demo';

export interface LoadConfigOptions {
  /** Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where `./sluice.yaml` is looked for and relative `file` resolves. Default: process.cwd(). */
  readonly cwd?: string;
}

/** Picks the config file `sluice start|check` use: the given one, else ./sluice.yaml, else the bundled demo. */
export function resolveConfigFile(file: string | undefined, cwd: string = process.cwd()): { file: string; demo: boolean } {
  if (file !== undefined) return { file: path.resolve(cwd, file), demo: false };
  const local = path.join(cwd, 'sluice.yaml');
  if (fs.existsSync(local)) return { file: local, demo: false };
  return { file: demoConfigPath(), demo: true };
}

/** Loads, validates and env-overrides a config; every problem carries file:line:col. Never throws for bad input. */
export function loadConfig(file: string | undefined, opts: LoadConfigOptions = {}): ConfigResult {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const resolved = resolveConfigFile(file, cwd);
  let text: string;
  try {
    text = fs.readFileSync(resolved.file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { config: undefined, problems: [{ severity: 'error', code: ConfigCodes.unreadable, message: `Cannot read config file ${resolved.file}: ${reason}.`, loc: undefined }] };
  }
  return loadConfigText(text, resolved.file, { env, cwd, demo: resolved.demo });
}

/** Same as loadConfig for text already in memory (`file` names it in locations and anchors relative paths). */
export function loadConfigText(text: string, file: string, opts: LoadConfigOptions & { demo?: boolean } = {}): ConfigResult {
  const cwd = opts.cwd ?? process.cwd();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  for (const e of doc.errors) {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    problems.push({ severity: 'error', code: ConfigCodes.syntax, message: firstLine(e.message), loc: { file, line, column: col } });
  }
  if (problems.length > 0) return { config: undefined, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { config: undefined, problems: [{ severity: 'error', code: ConfigCodes.syntax, message: firstLine((err as Error).message), loc: { file, line: 1, column: 1 } }] };
  }
  const result = validateConfigDocument(value, {
    file,
    locate: yamlLocator(doc, lineCounter, file),
    demo: opts.demo,
    storeBaseDir: opts.demo ? cwd : undefined,
  });
  if (!result.config || hasErrors(result.problems)) return result;
  const env = applyEnvOverrides(result.config, opts.env ?? process.env, cwd);
  const all = [...result.problems, ...env.problems];
  return { config: hasErrors(all) ? undefined : env.config, problems: all };
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
