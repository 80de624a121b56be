/**
 * Builds the include graph: parses every root and, transitively, every file it includes. Includes
 * resolve relative to the including file's directory, then against each include directory in order
 * (Apache's `-I`). A cycle is an error (0.17 crashes on one). Pure: all reading goes through `readFile`.
 */
import * as path from 'node:path';
import type { AstFile } from './ast';
import { Diagnostics, createDiagnostic } from './diagnostics';
import type { Diagnostic } from './model';
import { parseIdl } from './parser';

/** Returns the text of the file at an absolute path, or undefined when there is no such file. */
export type ReadFile = (absolutePath: string) => string | undefined;

export interface ParsedFile {
  readonly ast: AstFile;
  /** Base name without `.thrift`: the prefix includers write. */
  readonly prefix: string;
  /** Direct includes: prefix → absolute path, in source order (only those that were found). */
  readonly includes: ReadonlyArray<{ readonly prefix: string; readonly path: string }>;
}

export interface IncludeGraph {
  /** Every file reached, keyed by absolute path, in dependency order (included files first). */
  readonly files: ReadonlyMap<string, ParsedFile>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

/** Base name of an IDL path without its `.thrift` extension. */
export function filePrefix(file: string): string {
  return path.basename(file).replace(/\.thrift$/, '');
}

/** Parses `roots` and everything they include; `roots` are absolute paths. */
export function buildIncludeGraph(roots: ReadonlyArray<string>, readFile: ReadFile, includeDirs: ReadonlyArray<string>): IncludeGraph {
  const files = new Map<string, ParsedFile>();
  const diagnostics: Diagnostic[] = [];
  const onStack: string[] = [];

  const visit = (file: string): void => {
    if (files.has(file) || onStack.includes(file)) return;
    const source = readFile(file);
    if (source === undefined) {
      diagnostics.push(createDiagnostic(Diagnostics.UnreadableInput, { file, line: 1, column: 1 }, file));
      return;
    }
    onStack.push(file);
    const parsed = parseIdl(source, file);
    diagnostics.push(...parsed.diagnostics);
    const includes: Array<{ prefix: string; path: string }> = [];
    for (const inc of parsed.ast.includes) {
      const candidates = [path.resolve(path.dirname(file), inc.path), ...includeDirs.map((d) => path.resolve(d, inc.path))];
      const target = candidates.find((c) => readFile(c) !== undefined);
      if (target === undefined) {
        diagnostics.push(createDiagnostic(Diagnostics.FileNotFound, inc.loc, inc.path));
        continue;
      }
      const cycleStart = onStack.indexOf(target);
      if (cycleStart >= 0) {
        const chain = [...onStack.slice(cycleStart), target].map((f) => path.basename(f)).join(' -> ');
        diagnostics.push(createDiagnostic(Diagnostics.IncludeCycle, inc.loc, chain));
        continue;
      }
      const prefix = filePrefix(target);
      const clash = includes.find((i) => i.prefix === prefix && i.path !== target);
      if (clash) {
        diagnostics.push(createDiagnostic(Diagnostics.DuplicateFileName, inc.loc, clash.path, target, prefix));
        continue;
      }
      if (!includes.some((i) => i.path === target)) includes.push({ prefix, path: target });
      visit(target);
    }
    onStack.pop();
    files.set(file, { ast: parsed.ast, prefix: filePrefix(file), includes });
  };

  for (const root of roots) visit(root);
  return { files, diagnostics };
}
