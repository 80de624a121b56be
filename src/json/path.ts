/**
 * The JSON path of the value being converted, kept as a stack of segments and only turned into text when
 * an error needs it (`person.email`, `tags[2]`, `attrs.color`, `attrs["a b"]`).
 */
export class JsonPath {
  readonly #segs: Array<string | number> = [];

  push(seg: string | number): void {
    this.#segs.push(seg);
  }

  pop(): void {
    this.#segs.pop();
  }

  /** The path as text, with `extra` appended; undefined for the root (nothing to name). */
  format(extra?: string | number): string | undefined {
    const segs = extra === undefined ? this.#segs : [...this.#segs, extra];
    return formatPath(segs);
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Joins path segments: identifiers with dots, numbers as `[i]`, other keys as `["..."]`. */
export function formatPath(segs: ReadonlyArray<string | number>): string | undefined {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENT.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? undefined : out;
}
