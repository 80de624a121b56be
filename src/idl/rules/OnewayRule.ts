/**
 * Oneway functions. A oneway function gets no reply, so it cannot throw (an error in 0.17) and should
 * return void (0.17 only warns, so this is a warning to keep loading what 0.17 loads).
 * https://thrift.apache.org/docs/idl#function
 */
import { Diagnostics, createDiagnostic } from '../diagnostics';
import type { Rule } from './rule';

export const OnewayRule: Rule = (schema, report) => {
  for (const def of schema.definitions.values()) {
    if (def.kind !== 'service') continue;
    for (const fn of def.functions) {
      if (!fn.oneway) continue;
      if (fn.returnType.kind !== 'void') report(createDiagnostic(Diagnostics.OnewayReturnsValue, fn.loc, fn.name));
      if (fn.throws.length > 0) report(createDiagnostic(Diagnostics.OnewayThrows, fn.loc, fn.name));
    }
  }
};
