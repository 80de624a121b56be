/** Route-compiler problem codes and the helper that builds located problems (docs/config.md lists them). */
import type { SourceLocation } from '../errors';
import { formatLoc, type ConfigProblem } from '../config/problems';

export type RouteProblem = ConfigProblem;

export const RouteCodes = {
  badPath: 'SLUICE_E_ROUTE_BAD_PATH',
  conflict: 'SLUICE_E_ROUTE_CONFLICT',
  duplicateId: 'SLUICE_E_ROUTE_DUPLICATE_ID',
  unknownService: 'SLUICE_E_ROUTE_UNKNOWN_SERVICE',
  unknownFunction: 'SLUICE_E_ROUTE_UNKNOWN_FUNCTION',
  unknownUpstream: 'SLUICE_E_ROUTE_UNKNOWN_UPSTREAM',
  unknownField: 'SLUICE_E_ROUTE_UNKNOWN_FIELD',
  missingPathParam: 'SLUICE_E_ROUTE_MISSING_PATH_PARAM',
  bindingType: 'SLUICE_E_ROUTE_BINDING_TYPE',
  unbindable: 'SLUICE_E_ROUTE_UNBINDABLE',
  mapKey: 'SLUICE_E_ROUTE_MAP_KEY',
  badAnnotation: 'SLUICE_E_ROUTE_BAD_ANNOTATION',
  unknownPolicy: 'SLUICE_E_PSEUDO_UNKNOWN_POLICY',
  badPseudoPath: 'SLUICE_E_PSEUDO_BAD_PATH',
  unknownListenerService: 'SLUICE_E_LISTENER_UNKNOWN_SERVICE',
  unknownListenerUpstream: 'SLUICE_E_LISTENER_UNKNOWN_UPSTREAM',
} as const;

/** Warning codes: never reused. */
export const RouteWarnings = {
  /** `pseudo` annotations present but no `pseudonymization` section: they are ignored. */
  pseudoIgnored: 'SLUICEW001',
  /** A route annotation Sluice doesn't serve (`api.options`, `api.any`, upper-case keys). */
  unroutedAnnotation: 'SLUICEW002',
  /** An optional request field no source can fill (e.g. a struct field of a GET request without api.body). */
  unboundField: 'SLUICEW003',
  /** A `:name`/`*name` path segment that no request field takes. */
  unusedPathParam: 'SLUICEW004',
  /** A location annotation (api.query, api.header, …) below the top level of a request: only top-level fields are bound. */
  nestedLocation: 'SLUICEW005',
} as const;

/** Builds an error (or warning) problem; `related` locations are appended to the message as `(file:line:col)`. */
export function problem(code: string, message: string, loc: SourceLocation | undefined,
  opts: { related?: ReadonlyArray<SourceLocation | undefined>; severity?: 'error' | 'warning' } = {}): RouteProblem {
  const related = (opts.related ?? []).filter((l): l is SourceLocation => l !== undefined);
  return { severity: opts.severity ?? (code.startsWith('SLUICEW') ? 'warning' : 'error'), code, message, loc, related };
}

/** `file:line:col` or `admin` for a route source without a location. */
export function where(loc: SourceLocation | undefined): string {
  return loc ? formatLoc(loc) : 'admin API';
}
