/**
 * `sluice check [--config FILE] [--json]` (contract §1): loads config and IDL exactly as `start` does
 * (compileGateway), prints the route table and exits 0; on any error prints every problem with
 * file:line:col and exits 1. Warnings are printed too but don't fail the check.
 */
import * as path from 'node:path';
import { formatProblem, hasErrors, type ConfigProblem } from '../config/problems';
import { compileGateway } from '../routes/gateway';
import { buildSnapshot } from '../gateway/snapshot';
import type { Route } from '../routes/types';
import type { SourceLocation } from '../errors';

const usage = 'usage: sluice check [--config FILE] [--json]\n';

/** Runs the command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let file: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--config' || a === '-c') {
      file = argv[++i];
      if (file === undefined) return fail('--config needs a file');
    } else if (a.startsWith('--config=')) file = a.slice('--config='.length);
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(usage); return 0; }
    else return fail(`unknown argument '${a}'`);
  }
  const cwd = process.cwd();
  const result = compileGateway(file, { cwd });
  const late: ConfigProblem[] = [];
  if (result.config && !hasErrors(result.problems)) {
    // The plans and the pseudonymization set, as `start` compiles them: keyring, policy placement (contract §7).
    try {
      buildSnapshot(0, result.config, result.schema, result.table);
    } catch (err) {
      late.push({ severity: 'error', code: (err as { code?: string }).code ?? 'SLUICE_E_PLAN_COMPILE', message: (err as Error).message, loc: undefined });
    }
  }
  const problems = sortProblems([...result.problems, ...late]).map((p) => relativize(p, cwd));
  const failed = !result.config || hasErrors(problems);
  for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
  if (failed) {
    const n = problems.filter((p) => p.severity === 'error').length;
    process.stderr.write(`sluice check: ${n} error${n === 1 ? '' : 's'}; ${result.config?.file ? show(result.config.file, cwd) : 'config'} not loaded.\n`);
    return 1;
  }
  const routes = result.table.routes;
  if (json) {
    process.stdout.write(JSON.stringify({ config: result.config?.file, routes: routes.map((r) => ({ ...r, source: { kind: r.source.kind, loc: r.source.loc && show(r.source.loc, cwd) } })) }, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(`config: ${show(result.config?.file ?? '', cwd)}${result.config?.demo ? ' (bundled demo)' : ''}\n`);
  process.stdout.write(table(routes.map((r) => [methods(r), r.path, target(r), r.source.loc ? show(r.source.loc, cwd) : r.source.kind])));
  const warnings = problems.length;
  process.stdout.write(`${routes.length} route${routes.length === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`sluice check: ${message}\n${usage}`);
  return 2;
}

function methods(r: Route): string {
  return r.methods === '*' ? '*' : r.methods.join(',');
}

function target(r: Route): string {
  const t = r.target;
  if (t.kind === 'proxy') return `proxy ${t.endpoints.join(',')}${t.stripPrefix ? ` strip ${t.stripPrefix}` : ''}`;
  return `${t.service}.${t.function} -> ${t.upstream}`;
}

function table(rows: string[][]): string {
  const all = [['METHOD', 'PATH', 'TARGET', 'SOURCE'], ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((r) => (r[i] as string).length)));
  return all.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c)).join('  ') + '\n').join('');
}

/** A path (or location) relative to the cwd when it is under it, for short readable output. */
function show(x: string | SourceLocation, cwd: string): string {
  if (typeof x === 'string') {
    const rel = path.relative(cwd, x);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : x;
  }
  return `${show(x.file, cwd)}:${x.line}:${x.column}`;
}

function relativize(p: ConfigProblem, cwd: string): ConfigProblem {
  if (!p.loc) return p;
  const loc = { ...p.loc, file: show(p.loc.file, cwd) };
  return { ...p, loc };
}

function sortProblems(ps: ReadonlyArray<ConfigProblem>): ConfigProblem[] {
  return [...ps].sort((a, b) => {
    if (!a.loc || !b.loc) return a.loc ? 1 : b.loc ? -1 : 0;
    return a.loc.file.localeCompare(b.loc.file) || a.loc.line - b.loc.line || a.loc.column - b.loc.column;
  });
}
