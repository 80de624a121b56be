/**
 * Union defaults. A union holds one member, so at most one member may have a default value (0.17:
 * "Field f1 provides another default value for union U").
 * https://thrift.apache.org/docs/idl#union
 */
import { Diagnostics, createDiagnostic } from '../diagnostics';
import type { Rule } from './rule';

export const UnionDefaultRule: Rule = (schema, report) => {
  for (const def of schema.definitions.values()) {
    if (def.kind !== 'union') continue;
    const withDefault = def.fields.filter((f) => f.default !== undefined);
    for (const f of withDefault.slice(1)) report(createDiagnostic(Diagnostics.UnionSecondDefault, f.loc, f.name, def.name));
  }
};
