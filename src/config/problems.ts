/**
 * Problems found while loading config, IDL and routes. Loading never throws for user mistakes: it collects
 * every problem so that `sluice check` can print them all at once.
 */
import type { SourceLocation } from '../errors';

export type ProblemSeverity = 'error' | 'warning';

export interface ConfigProblem {
  readonly severity: ProblemSeverity;
  /** `SLUICE_E_CONFIG_*`, `SLUICE_E_ROUTE_*`, `SLUICE_E_IDL_<n>` for errors; `SLUICEW###` for warnings. */
  readonly code: string;
  /** One sentence; names the key, route or field involved. */
  readonly message: string;
  readonly loc: SourceLocation | undefined;
  /** Dotted path into the config document (`upstreams.people.timeout_ms`) when the problem is about one key. */
  readonly path?: string;
  /** Other places involved, e.g. the second route of a conflict (also named in the message). */
  readonly related?: ReadonlyArray<SourceLocation>;
}

/** Formats a location as `file:line:col`. */
export function formatLoc(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** Formats `file:line:col: error CODE: message` (or without the location when there is none). */
export function formatProblem(p: ConfigProblem): string {
  const head = `${p.severity} ${p.code}: ${p.message}`;
  return p.loc ? `${formatLoc(p.loc)}: ${head}` : head;
}

/** True when any problem is an error (warnings alone don't stop a load). */
export function hasErrors(problems: ReadonlyArray<ConfigProblem>): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Config error codes (docs/config.md lists them). */
export const ConfigCodes = {
  syntax: 'SLUICE_E_CONFIG_SYNTAX',
  unreadable: 'SLUICE_E_CONFIG_UNREADABLE',
  unknownKey: 'SLUICE_E_CONFIG_UNKNOWN_KEY',
  wrongType: 'SLUICE_E_CONFIG_WRONG_TYPE',
  badValue: 'SLUICE_E_CONFIG_BAD_VALUE',
  badAddress: 'SLUICE_E_CONFIG_BAD_ADDRESS',
  missingKey: 'SLUICE_E_CONFIG_MISSING_KEY',
  duplicate: 'SLUICE_E_CONFIG_DUPLICATE',
  badEnv: 'SLUICE_E_CONFIG_BAD_ENV',
} as const;
