/**
 * Pass 1 (`registerSymbols`): decides the TypeScript name of every definition and of every helper
 * generated for it, in every module, before any code is written. Later passes only look names up.
 */
import type { Definition, QualifiedName, Schema, ThriftFile } from '../../src/idl/model';
import { SymbolTable } from '../framework/symbol-table';

/** The names one definition owns in its module. Only the members that apply to its kind are set. */
export interface DeclNames {
  /** The type (interface, enum, alias) and, for structs, the codec object. */
  readonly name: string;
  /** Exceptions: the Error subclass thrown by clients and handlers. */
  readonly error?: string;
  /** Enums: value → name and name → value maps. */
  readonly names?: string;
  readonly values?: string;
  /** Services. */
  readonly client?: string;
  readonly handler?: string;
  readonly definition?: string;
}

export interface ModuleInfo {
  readonly file: ThriftFile;
  /** Output file name relative to the output directory, e.g. `people.ts`. */
  readonly outputName: string;
  /** How another generated module imports this one, e.g. `./people.js`. */
  readonly specifier: string;
  readonly symbols: SymbolTable;
}

export interface Registry {
  readonly schema: Schema;
  readonly modules: ReadonlyMap<string, ModuleInfo>;
  readonly decls: ReadonlyMap<QualifiedName, DeclNames>;
  /** Files in output order (sorted by output name). */
  readonly files: ReadonlyArray<ThriftFile>;
}

/** Claims every module's names: definitions in source order first, then their helpers. */
export function registerSymbols(schema: Schema): Registry {
  const modules = new Map<string, ModuleInfo>();
  const decls = new Map<QualifiedName, DeclNames>();
  const files = [...schema.files.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of files) {
    const symbols = new SymbolTable();
    modules.set(file.path, { file, outputName: `${file.name}.ts`, specifier: `./${file.name}.js`, symbols });
    const primary = new Map<Definition, string>();
    for (const def of file.definitions) primary.set(def, symbols.claim(def.name));
    for (const def of file.definitions) decls.set(def.qname, helperNames(def, primary.get(def)!, symbols));
  }
  return { schema, modules, decls, files };
}

function helperNames(def: Definition, name: string, symbols: SymbolTable): DeclNames {
  switch (def.kind) {
    case 'exception':
      return { name, error: symbols.claim(`${name}Error`) };
    case 'enum':
      return { name, names: symbols.claim(`${name}Names`), values: symbols.claim(`${name}Values`) };
    case 'service':
      return {
        name,
        client: symbols.claim(`${name}Client`),
        handler: symbols.claim(`${name}Handler`),
        definition: symbols.claim(`${name}Definition`),
      };
    default:
      return { name };
  }
}
