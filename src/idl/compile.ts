/**
 * The pure front door of the IDL front end: parse → include graph → resolve → check. No I/O of its
 * own (file text comes through `readFile`) and no console output.
 */
import * as path from 'node:path';
import { buildModel } from './build-model';
import { checkSchema } from './check';
import { deepFreeze } from './deep-freeze';
import { buildIncludeGraph, type ReadFile } from './include-graph';
import type { Diagnostic, Schema } from './model';

export interface CompileOptions {
  /** Absolute paths of the files asked for, in order. */
  readonly roots: ReadonlyArray<string>;
  readonly readFile: ReadFile;
  /** Searched in order after the including file's directory (`-I`). */
  readonly includeDirs?: ReadonlyArray<string>;
}

export interface CompileResult {
  /** Undefined when any diagnostic is an error. */
  readonly schema: Schema | undefined;
  /** Errors and warnings, sorted by file, line and column. */
  readonly diagnostics: Diagnostic[];
}

/** Compiles the IDL reachable from `opts.roots` into a frozen schema, or reports why it cannot. */
export function compileIdl(opts: CompileOptions): CompileResult {
  const includeDirs = (opts.includeDirs ?? []).map((d) => path.resolve(d));
  const graph = buildIncludeGraph(opts.roots, opts.readFile, includeDirs);
  const built = buildModel(graph, opts.roots);
  const diagnostics = [...graph.diagnostics, ...built.diagnostics, ...checkSchema(built.schema)];
  diagnostics.sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column));
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { schema: failed ? undefined : deepFreeze(built.schema), diagnostics };
}

/** Compiles IDL given as text: `files` maps absolute paths to contents, `main` is the root. */
export function compileIdlSource(source: string, opts: { path?: string; files?: Readonly<Record<string, string>>; includeDirs?: ReadonlyArray<string> } = {}): CompileResult {
  const main = path.resolve(opts.path ?? '/idl/main.thrift');
  const files = new Map<string, string>(Object.entries(opts.files ?? {}).map(([p, t]) => [path.resolve(p), t]));
  files.set(main, source);
  return compileIdl({ roots: [main], readFile: (p) => files.get(p), includeDirs: opts.includeDirs });
}
