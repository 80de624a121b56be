/**
 * The shape of a semantic rule: it reads the built schema and reports problems. Rules never change
 * the schema; they run after every name is resolved (src/idl/check.ts runs them in order).
 */
import type { Diagnostic, Schema } from '../model';

export type Rule = (schema: Schema, report: (d: Diagnostic) => void) => void;
