/**
 * In-process counts of pseudonymization outcomes per policy and direction, for §10 metrics. Counts
 * only: no value, token or key ever reaches this module.
 */
export type Direction = 'forward' | 'reverse';

export interface OutcomeCount {
  readonly policy: string;
  readonly direction: Direction;
  readonly outcome: string;
  readonly count: number;
}

const counts = new Map<string, number>();

/** Adds one outcome (called by apply.ts). */
export function countOutcome(policy: string, direction: Direction, outcome: string): void {
  const k = `${policy}\u0000${direction}\u0000${outcome}`;
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

/** A snapshot of every count so far, for a metrics exporter (e.g. `sluice_pseudo_values_total{policy,direction,outcome}`). */
export function outcomeCounts(): OutcomeCount[] {
  return [...counts].map(([k, count]) => {
    const [policy, direction, outcome] = k.split('\u0000');
    return { policy, direction: direction as Direction, outcome, count };
  });
}

/** Clears the counts (tests). */
export function resetOutcomeCountsForTest(): void {
  counts.clear();
}

export interface ReidentificationAudit {
  /** The bearer token's name from admin.tokens (never the token). */
  readonly caller: string;
  readonly route: string;
  readonly policy: string;
  readonly count: number;
}

/** One audit line per re-identification: caller name, route, policy, count as JSON — never values. */
export function formatReidentificationAudit(a: ReidentificationAudit): string {
  return JSON.stringify({ event: 'pseudo.reidentify', caller: a.caller, route: a.route, policy: a.policy, count: a.count });
}
