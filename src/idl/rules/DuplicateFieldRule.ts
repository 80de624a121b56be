/**
 * Duplicate fields. A struct, union, exception, argument list or throws list must not use a field id
 * or a field name twice (0.17: "field identifier/name has already been used").
 * https://thrift.apache.org/docs/idl#field
 */
import { Diagnostics, createDiagnostic } from '../diagnostics';
import type { FieldDef } from '../model';
import type { Rule } from './rule';

export const DuplicateFieldRule: Rule = (schema, report) => {
  const check = (fields: ReadonlyArray<FieldDef>) => {
    const ids = new Set<number>();
    const names = new Set<string>();
    for (const f of fields) {
      if (ids.has(f.id) || names.has(f.name)) report(createDiagnostic(Diagnostics.DuplicateField, f.loc, f.id, f.name));
      ids.add(f.id);
      names.add(f.name);
    }
  };
  for (const def of schema.definitions.values()) {
    if (def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception') check(def.fields);
    if (def.kind === 'service') for (const fn of def.functions) { check(fn.args); check(fn.throws); }
  }
};
