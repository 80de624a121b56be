/**
 * Name lookup across files. Each file sees its own definitions by bare name and those of the files it
 * includes directly as `prefix.Name`; includes are not transitive (0.17: `Type "d.D" not defined`).
 */
import type { SourceLocation } from '../errors';
import type { AstDefinition } from './ast';
import { Diagnostics, createDiagnostic } from './diagnostics';
import type { IncludeGraph, ParsedFile } from './include-graph';
import type { Diagnostic } from './model';

export interface SymbolEntry {
  readonly file: ParsedFile;
  readonly def: AstDefinition;
  readonly qname: string;
}

export class Scope {
  readonly #locals = new Map<string, Map<string, SymbolEntry>>();
  readonly #byQname = new Map<string, SymbolEntry>();
  readonly #graph: IncludeGraph;

  /** Indexes every definition of `graph`; duplicate names in one file are reported into `diagnostics`. */
  constructor(graph: IncludeGraph, diagnostics: Diagnostic[]) {
    this.#graph = graph;
    const prefixes = new Map<string, string>();
    for (const [path, file] of graph.files) {
      const other = prefixes.get(file.prefix);
      if (other !== undefined) diagnostics.push(createDiagnostic(Diagnostics.DuplicateFileName, { file: path, line: 1, column: 1 }, other, path, file.prefix));
      prefixes.set(file.prefix, path);
      const table = new Map<string, SymbolEntry>();
      for (const def of file.ast.definitions) {
        if (table.has(def.name)) {
          diagnostics.push(createDiagnostic(Diagnostics.DuplicateDefinition, def.nameLoc, def.name));
          continue;
        }
        const entry = { file, def, qname: `${file.prefix}.${def.name}` };
        table.set(def.name, entry);
        if (!this.#byQname.has(entry.qname)) this.#byQname.set(entry.qname, entry);
      }
      this.#locals.set(path, table);
    }
  }

  /** The file record for an absolute path. */
  file(path: string): ParsedFile {
    return this.#graph.files.get(path)!;
  }

  /** The definition with qualified name `qname`, if any. */
  byQname(qname: string): SymbolEntry | undefined {
    return this.#byQname.get(qname);
  }

  /** Resolves `name` as written in `from` (bare or `prefix.Name`), or undefined. */
  lookup(from: ParsedFile, name: string): SymbolEntry | undefined {
    const local = this.#locals.get(from.ast.path)?.get(name);
    if (local) return local;
    for (const inc of from.includes) {
      if (name.startsWith(inc.prefix + '.')) {
        const hit = this.#locals.get(inc.path)?.get(name.slice(inc.prefix.length + 1));
        if (hit) return hit;
      }
    }
    return undefined;
  }
}

/** True when `a` is strictly before `b` in the same file. */
export function isBefore(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && (a.line < b.line || (a.line === b.line && a.column < b.column));
}
