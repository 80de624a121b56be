/** A route during compilation: the public Route plus its parsed template, for conflict checks and matching. */
import { parsePathTemplate, type PathTemplate } from './path-template';
import type { Route } from './types';

export interface CompiledRoute {
  readonly route: Route;
  readonly template: PathTemplate;
}

const templates = new WeakMap<Route, PathTemplate>();

/** The parsed template of a route in a RouteTable (cached; routes in a table always have a valid path). */
export function templateOf(route: Route): PathTemplate {
  let t = templates.get(route);
  if (!t) {
    const parsed = parsePathTemplate(route.path);
    if (typeof parsed === 'string') throw new Error(`route ${route.id}: ${parsed}`);
    t = parsed;
    templates.set(route, t);
  }
  return t;
}

/** `GET /v1/people/:id` or `GET,POST /x` or `* /x`. */
export function routeLabel(methods: Route['methods'], path: string): string {
  return `${methods === '*' ? '*' : methods.join(',')} ${path}`;
}
