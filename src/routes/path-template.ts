/**
 * Route path templates (contract §3): `/literal/:name/*rest`. A `:name` segment matches one non-empty
 * segment; a trailing `*name` matches the rest of the path after its slash, possibly empty
 * (`/legacy/*rest` matches `/legacy/` and `/legacy/a/b`, not `/legacy`).
 */

export type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'rest'; readonly name: string };

export interface PathTemplate {
  readonly text: string;
  readonly segments: ReadonlyArray<Segment>;
  /** Names of `:name` and `*name` segments in order. */
  readonly params: ReadonlyArray<string>;
  /** The template with parameter names erased (`/a/:/*`): two templates with the same shape match the same paths. */
  readonly shape: string;
}

const paramName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a template, or returns a one-sentence reason it is not one. */
export function parsePathTemplate(text: string): PathTemplate | string {
  if (!text.startsWith('/')) return `Route path '${text}' must start with '/'.`;
  if (/[?#\s]/.test(text)) return `Route path '${text}' must not contain '?', '#' or whitespace.`;
  const raw = text.slice(1).split('/');
  const segments: Segment[] = [];
  const params: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i] as string;
    if (s.startsWith(':') || s.startsWith('*')) {
      const name = s.slice(1);
      if (!paramName.test(name)) return `Route path '${text}': '${s}' needs a name of letters, digits and '_' after '${s[0]}'.`;
      if (params.includes(name)) return `Route path '${text}' uses the parameter name '${name}' twice.`;
      if (s[0] === '*' && i !== raw.length - 1) return `Route path '${text}': '*${name}' must be the last segment.`;
      params.push(name);
      segments.push(s[0] === ':' ? { kind: 'param', name } : { kind: 'rest', name });
    } else {
      if (s.includes('*')) return `Route path '${text}': '*' may only start the last segment.`;
      if (s === '' && i !== raw.length - 1) return `Route path '${text}' has an empty segment ('//').`;
      segments.push({ kind: 'literal', text: s });
    }
  }
  const shape = '/' + segments.map((s) => (s.kind === 'literal' ? s.text : s.kind === 'param' ? ':' : '*')).join('/');
  return { text, segments, params, shape };
}

/** Rank of a segment kind in the specificity order: literal beats `:param` beats `*rest`. */
export function segmentRank(s: Segment): number {
  return s.kind === 'literal' ? 2 : s.kind === 'param' ? 1 : 0;
}

/**
 * Orders two templates by specificity: segment by segment from the left, the first position where the
 * kinds differ decides, literal > `:param` > `*rest`. Two templates that can match the same path either
 * differ in kind somewhere (then this order picks one) or have the same shape (returns 0: a conflict when
 * their methods overlap). Templates that can never match the same path get an arbitrary but stable order.
 * Returns > 0 when `a` is more specific, < 0 when `b` is.
 */
export function compareSpecificity(a: PathTemplate, b: PathTemplate): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = segmentRank(a.segments[i] as Segment) - segmentRank(b.segments[i] as Segment);
    if (d !== 0) return d;
    const sa = a.segments[i] as Segment;
    const sb = b.segments[i] as Segment;
    if (sa.kind === 'literal' && sb.kind === 'literal' && sa.text !== sb.text) return sa.text < sb.text ? 1 : -1;
  }
  if (a.segments.length === b.segments.length) return 0;
  return a.segments.length > b.segments.length ? 1 : -1;
}

/** Matches a request path (no query, still percent-encoded) against a template; returns decoded params or undefined. */
export function matchTemplate(t: PathTemplate, path: string): Record<string, string> | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < t.segments.length; i++) {
    const seg = t.segments[i] as Segment;
    if (seg.kind === 'rest') {
      // The rest starts after the slash that ends the previous segment; it may be empty.
      if (parts.length <= i) return undefined;
      const rest = decode(parts.slice(i).join('/'));
      if (rest === undefined) return undefined;
      params[seg.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.kind === 'literal') {
      if (part !== seg.text) return undefined;
    } else {
      if (part === '') return undefined;
      const v = decode(part);
      if (v === undefined) return undefined;
      params[seg.name] = v;
    }
  }
  return parts.length === t.segments.length ? params : undefined;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
