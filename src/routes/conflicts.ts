/**
 * Replacement and conflicts (contract §3). An explicit route replaces the annotated routes with the same
 * path shape for each method it lists. After that, two routes conflict when their paths have the same
 * shape (same segments, parameter names aside) and they share a listed method, or both take any method
 * ("*"): no rule makes either more specific. Every other pair that can match one request is ordered by
 * `compareSpecificity` (then a listed method beats "*"), so it is not an error.
 */
import type { CompiledRoute } from './compiled-route';
import { routeLabel } from './compiled-route';
import { problem, RouteCodes, where, type RouteProblem } from './problems';
import type { HttpMethod, Route } from './types';

/** Drops annotated routes that an explicit route replaces (same method and path shape). */
export function applyReplacements(annotated: CompiledRoute[], explicit: CompiledRoute[]): CompiledRoute[] {
  return annotated.filter((a) => !explicit.some((e) => {
    if (e.template.shape !== a.template.shape || e.route.methods === '*' || a.route.methods === '*') return false;
    const em = e.route.methods;
    return a.route.methods.every((m) => em.includes(m));
  }));
}

/** Methods two routes both list, or ['*'] when both take any method; empty when they don't overlap. */
function sharedMethods(a: Route, b: Route): ReadonlyArray<HttpMethod | '*'> {
  if (a.methods === '*' && b.methods === '*') return ['*'];
  if (a.methods === '*' || b.methods === '*') return [];
  const bm = b.methods;
  return a.methods.filter((m) => bm.includes(m));
}

/** Reports every conflicting pair and duplicate id, naming both sources; returns the routes to keep (first of each pair). */
export function findConflicts(routes: CompiledRoute[], problems: RouteProblem[]): CompiledRoute[] {
  const kept: CompiledRoute[] = [];
  const byShape = new Map<string, CompiledRoute[]>();
  const ids = new Map<string, CompiledRoute>();
  for (const r of routes) {
    const dup = ids.get(r.route.id);
    if (dup) {
      problems.push(problem(RouteCodes.duplicateId,
        `Route id '${r.route.id}' is used by two routes: here and at ${where(dup.route.source.loc)}.`,
        r.route.source.loc, { related: [dup.route.source.loc] }));
      continue;
    }
    const same = byShape.get(r.template.shape) ?? [];
    const clash = same.find((o) => sharedMethods(o.route, r.route).length > 0);
    if (clash) {
      const shared = sharedMethods(clash.route, r.route).join(',');
      problems.push(problem(RouteCodes.conflict,
        `Routes '${r.route.id}' ${routeLabel(r.route.methods, r.route.path)} (${where(r.route.source.loc)}) and '${clash.route.id}' ${routeLabel(clash.route.methods, clash.route.path)} (${where(clash.route.source.loc)}) both match ${shared} ${r.template.shape} and neither is more specific.`,
        r.route.source.loc, { related: [clash.route.source.loc] }));
      continue;
    }
    ids.set(r.route.id, r);
    same.push(r);
    byShape.set(r.template.shape, same);
    kept.push(r);
  }
  return kept;
}
