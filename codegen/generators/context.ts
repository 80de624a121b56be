/**
 * What every generator gets while writing one module: the registry of all names, this module's
 * imports, and `ref()` to name a definition from here (bare when local, `alias.Name` when imported).
 */
import type { Definition, QualifiedName, ThriftFile } from '../../src/idl/model';
import { ImportManager } from '../framework/import-manager';
import type { DeclNames, ModuleInfo, Registry } from './registry';

export type RefKind = keyof DeclNames;

export class ModuleContext {
  readonly imports = new ImportManager();
  readonly #aliases = new Map<string, string>();

  constructor(readonly registry: Registry, readonly module: ModuleInfo) {}

  get file(): ThriftFile {
    return this.module.file;
  }

  /** The runtime namespace alias, marking the runtime import as used. */
  get rt(): string {
    return this.imports.runtime();
  }

  /** The definition behind a qualified name (the loader guarantees it exists). */
  definition(qname: QualifiedName): Definition {
    const def = this.registry.schema.definitions.get(qname);
    if (!def) throw new Error(`codegen: unknown definition ${qname}`);
    return def;
  }

  /** How code in this module names `which` of `qname`, importing the declaring module when needed. */
  ref(qname: QualifiedName, which: RefKind = 'name'): string {
    const decl = this.registry.decls.get(qname);
    const local = decl?.[which];
    if (!decl || local === undefined) throw new Error(`codegen: no ${which} for ${qname}`);
    const def = this.definition(qname);
    if (def.file === this.file.path) return local;
    return `${this.#alias(def.file)}.${local}`;
  }

  /** The local names of a definition declared in this module. */
  names(qname: QualifiedName): DeclNames {
    const decl = this.registry.decls.get(qname);
    if (!decl) throw new Error(`codegen: unknown definition ${qname}`);
    return decl;
  }

  /** Short display name for comments: `Name` when local, `file.Name` otherwise. */
  displayName(qname: QualifiedName): string {
    const def = this.definition(qname);
    return def.file === this.file.path ? def.name : qname;
  }

  #alias(path: string): string {
    const target = this.registry.modules.get(path);
    if (!target) throw new Error(`codegen: no module for ${path}`);
    let alias = this.#aliases.get(path);
    if (alias === undefined) {
      alias = this.module.symbols.claim(target.file.name);
      this.#aliases.set(path, alias);
    }
    return this.imports.module(alias, target.specifier);
  }
}
