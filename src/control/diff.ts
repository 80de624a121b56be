/**
 * A structural diff of two config documents: the list of JSON paths that were added, removed or changed,
 * with old and new values. Enough to read what a version did without shipping whole documents.
 */
export interface DiffEntry { readonly path: string; readonly op: 'add' | 'remove' | 'change'; readonly old?: unknown; readonly new?: unknown }

/** Differences from `a` to `b` (a missing `a` is the empty document). */
export function diffDocuments(a: unknown, b: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(a ?? {}, b, '', out);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(a: unknown, b: unknown, at: string, out: DiffEntry[]): void {
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = at ? `${at}.${k}` : k;
      if (!(k in b)) out.push({ path: p, op: 'remove', old: a[k] });
      else if (!(k in a)) out.push({ path: p, op: 'add', new: b[k] });
      else walk(a[k], b[k], p, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: at || '.', op: 'change', old: a, new: b });
}
