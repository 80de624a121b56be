/** Plan option and shape types shared by the plan compiler's files. */
import type { PlanPseudo } from './pseudo-placement';

/** Config knobs a plan bakes in (contract §2 `json:`, upstream `protocol`/`transport`). */
export interface PlanOptions {
  readonly protocol?: 'binary' | 'compact';
  readonly transport?: 'framed' | 'buffered' | 'header';
  readonly i64?: 'number' | 'string';
  readonly enums?: 'number' | 'name';
  readonly unknownFields?: 'ignore' | 'reject';
  /** Policies and rules to place (contract §7); absent = no pseudonymization section, annotations ignored. */
  readonly pseudo?: PlanPseudo;
}

/** Value kinds as numbered in the blob (native/src/transcode/plan.h `Kind`). */
export const PlanKind = {
  bool: 1, i8: 2, i16: 3, i32: 4, i64: 5, double: 6, string: 7, binary: 8, uuid: 9,
  enum: 10, list: 11, set: 12, map: 13, struct: 14,
} as const;

/** Field flags (plan.h `FieldFlag`). */
export const FieldFlag = { jsConv: 1, none: 2, header: 4, httpCode: 8 } as const;

/** Binding source kinds (plan.h `SourceKind`). */
export const SourceKind = { path: 0, query: 1, header: 2, cookie: 3, body: 4, raw_body: 5, raw_uri: 6 } as const;

export const PLAN_MAGIC = 'SLPL';
export const PLAN_VERSION = 2;
