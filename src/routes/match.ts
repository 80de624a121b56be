/**
 * Request matching: the reference semantics the native router implements (contract §3, §6).
 *
 * For a request (method M, path P): among routes whose template matches P and that list M (or take "*"),
 * the most specific wins: templates compared segment by segment from the left, literal > `:param` > `*rest`
 * at the first position where they differ; on the same shape a listed method beats "*". A HEAD request
 * that no route takes falls back to GET routes (same status and headers, no body). When routes match P
 * but none takes M: 405 with `Allow` listing their methods (HEAD added where GET is). Otherwise 404.
 */
import { templateOf } from './compiled-route';
import { compareSpecificity, matchTemplate } from './path-template';
import type { HttpMethod, Route, RouteTable } from './types';

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Readonly<Record<string, string>>; readonly headOnly: boolean }
  | { readonly kind: 'method_not_allowed'; readonly allow: ReadonlyArray<string> }
  | { readonly kind: 'not_found' };

const allowOrder: ReadonlyArray<string> = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Matches `method` and `target` (path, optionally with `?query`, still percent-encoded) against the table. */
export function matchRoute(table: RouteTable, method: string, target: string): RouteMatch {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const m = method.toUpperCase();
  const matching: Array<{ route: Route; params: Record<string, string> }> = [];
  for (const route of table.routes) {
    const params = matchTemplate(templateOf(route), path);
    if (params) matching.push({ route, params });
  }
  if (matching.length === 0) return { kind: 'not_found' };
  const best = pick(matching, m);
  if (best) return { kind: 'found', route: best.route, params: best.params, headOnly: m === 'HEAD' };
  if (m === 'HEAD') {
    const get = pick(matching, 'GET');
    if (get) return { kind: 'found', route: get.route, params: get.params, headOnly: true };
  }
  const allow = new Set<string>();
  for (const { route } of matching) {
    for (const x of route.methods === '*' ? allowOrder : route.methods) allow.add(x);
    if (route.methods !== '*' && route.methods.includes('GET')) allow.add('HEAD');
  }
  return { kind: 'method_not_allowed', allow: allowOrder.filter((x) => allow.has(x)) };
}

function pick(matching: Array<{ route: Route; params: Record<string, string> }>, method: string) {
  let best: { route: Route; params: Record<string, string> } | undefined;
  for (const c of matching) {
    const ms = c.route.methods;
    if (ms !== '*' && !ms.includes(method as HttpMethod)) continue;
    if (!best) { best = c; continue; }
    const d = compareSpecificity(templateOf(c.route), templateOf(best.route));
    if (d > 0 || (d === 0 && best.route.methods === '*' && ms !== '*')) best = c;
  }
  return best;
}
