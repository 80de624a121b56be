/**
 * Throws clauses. Every field of a throws clause must be an exception type (0.17: "Throws clause may
 * not contain non-exception types").
 * https://thrift.apache.org/docs/idl#function
 */
import { Diagnostics, createDiagnostic } from '../diagnostics';
import type { Rule } from './rule';

export const ThrowsExceptionRule: Rule = (schema, report) => {
  for (const def of schema.definitions.values()) {
    if (def.kind !== 'service') continue;
    for (const fn of def.functions) {
      for (const f of fn.throws) {
        const target = f.type.kind === 'struct' ? schema.definitions.get(f.type.name) : undefined;
        if (target?.kind !== 'exception') report(createDiagnostic(Diagnostics.ThrowsNotException, f.loc, f.name));
      }
    }
  }
};
