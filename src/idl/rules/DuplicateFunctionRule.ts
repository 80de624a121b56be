/**
 * Duplicate functions. A service must not declare a function name twice, nor redeclare a name one of
 * its base services declares (0.17: "Function f is already defined in service B").
 * https://thrift.apache.org/docs/idl#service
 */
import { Diagnostics, createDiagnostic } from '../diagnostics';
import type { Rule } from './rule';

export const DuplicateFunctionRule: Rule = (schema, report) => {
  for (const def of schema.definitions.values()) {
    if (def.kind !== 'service') continue;
    const inherited = new Set<string>();
    const seenServices = new Set<string>();
    for (let base = def.extends; base !== undefined && !seenServices.has(base);) {
      seenServices.add(base);
      const b = schema.definitions.get(base);
      if (b?.kind !== 'service') break;
      for (const fn of b.functions) inherited.add(fn.name);
      base = b.extends;
    }
    const own = new Set<string>();
    for (const fn of def.functions) {
      if (own.has(fn.name) || inherited.has(fn.name)) report(createDiagnostic(Diagnostics.DuplicateFunction, fn.loc, fn.name, def.name));
      own.add(fn.name);
    }
  }
};
