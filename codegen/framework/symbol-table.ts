/**
 * Per-module symbol table with clash resolution. Names are claimed in a fixed order (user definitions
 * in source order first, then the helpers generated for them), so mangling is deterministic: a name
 * that is reserved or already taken gets `_` appended until it is free.
 */
import { RESERVED_IDENTIFIERS, toIdentifier } from './names';

export class SymbolTable {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string> = RESERVED_IDENTIFIERS) {
    for (const n of reserved) this.#taken.add(n);
  }

  /** Claims the nearest free name to `wanted` and returns it. */
  claim(wanted: string): string {
    let name = toIdentifier(wanted);
    while (this.#taken.has(name)) name += '_';
    this.#taken.add(name);
    return name;
  }

  /** True when `name` is claimed or reserved. */
  has(name: string): boolean {
    return this.#taken.has(name);
  }
}
