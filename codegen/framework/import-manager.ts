/**
 * Import manager: records which other generated modules (and the runtime) a module actually uses, so
 * that only those are imported and `noUnusedLocals` holds in the user's project.
 */
export const RUNTIME_ALIAS = '$rt';
export const RUNTIME_MODULE = 'sluice/runtime';

export class ImportManager {
  readonly #modules = new Map<string, string>();
  #runtime = false;

  /** Marks the runtime as used and returns its alias. */
  runtime(): string {
    this.#runtime = true;
    return RUNTIME_ALIAS;
  }

  /** Marks `specifier` (e.g. `./common.js`) as used under `alias` and returns the alias. */
  module(alias: string, specifier: string): string {
    this.#modules.set(specifier, alias);
    return alias;
  }

  /** The import statements, runtime first, then modules sorted by specifier. */
  statements(): string[] {
    const out: string[] = [];
    if (this.#runtime) out.push(`import * as ${RUNTIME_ALIAS} from '${RUNTIME_MODULE}';`);
    for (const spec of [...this.#modules.keys()].sort()) out.push(`import * as ${this.#modules.get(spec)} from '${spec}';`);
    return out;
  }
}
