/**
 * Runs every semantic rule (src/idl/rules) over a built schema and returns what they report.
 */
import type { Diagnostic, Schema } from './model';
import { rules } from './rules';

/** The diagnostics of every rule for `schema`, in rule order. */
export function checkSchema(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) rule(schema, (d) => out.push(d));
  return out;
}
