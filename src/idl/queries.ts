/**
 * Read-only helpers over a resolved schema that every consumer needs.
 */
import { formatLocated } from '../errors';
import type { Annotations, Definition, Diagnostic, FunctionDef, QualifiedName, Schema } from './model';

/** The definition named `qname` (`file.Name`), or undefined. */
export function findDefinition(schema: Schema, qname: QualifiedName): Definition | undefined {
  return schema.definitions.get(qname);
}

/**
 * Every function a client of service `serviceQName` can call: inherited ones first (the root of the
 * `extends` chain first), then the service's own. Empty when the name is not a service.
 */
export function allFunctions(schema: Schema, serviceQName: QualifiedName): FunctionDef[] {
  const chain: FunctionDef[][] = [];
  const seen = new Set<string>();
  for (let q: string | undefined = serviceQName; q !== undefined && !seen.has(q);) {
    seen.add(q);
    const def = schema.definitions.get(q);
    if (def?.kind !== 'service') break;
    chain.unshift([...def.functions]);
    q = def.extends;
  }
  return chain.flat();
}

/** Values of every annotation called `name`, in source order (valueless ones give ''). */
export function annotationValues(annotations: Annotations, name: string): string[] {
  return annotations.filter((a) => a.name === name).map((a) => a.value);
}

/** `file:line:col: error SLUICE1234: message`, the form `sluice check` and codegen print. */
export function formatDiagnostic(d: Diagnostic): string {
  return formatLocated(`${d.severity} SLUICE${d.code}: ${d.message}`, d.loc);
}
