/** Schema lookups the route compiler needs: a service's functions (inherited too) and type predicates. */
import type { FieldDef, FunctionDef, Schema, ServiceDef, StructDef, TypeRef } from '../idl/model';

/** The service's functions including inherited ones (own first), or undefined when `qname` is not a service. */
export function serviceFunctions(schema: Schema, qname: string): FunctionDef[] | undefined {
  const out: FunctionDef[] = [];
  const seen = new Set<string>();
  let cur: string | undefined = qname;
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    const def = schema.definitions.get(cur);
    if (!def || def.kind !== 'service') return cur === qname ? undefined : out;
    for (const f of (def as ServiceDef).functions) if (!out.some((x) => x.name === f.name)) out.push(f);
    cur = (def as ServiceDef).extends;
  }
  return out;
}

/** The struct/union/exception a type names, if any. */
export function structOf(schema: Schema, t: TypeRef): StructDef | undefined {
  if (t.kind !== 'struct') return undefined;
  const def = schema.definitions.get(t.name);
  return def && (def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception') ? def : undefined;
}

/** Scalars a text source (path, query, header, cookie) can carry. */
export function isTextScalar(t: TypeRef): boolean {
  switch (t.kind) {
    case 'bool': case 'i8': case 'i16': case 'i32': case 'i64': case 'double':
    case 'string': case 'binary': case 'uuid': case 'enum':
      return true;
    default:
      return false;
  }
}

/** Scalars or lists/sets of scalars (query and header values may repeat or be comma-separated). */
export function isTextList(t: TypeRef): boolean {
  return isTextScalar(t) || ((t.kind === 'list' || t.kind === 'set') && isTextScalar(t.elem));
}

export function isInteger(t: TypeRef): boolean {
  return t.kind === 'i8' || t.kind === 'i16' || t.kind === 'i32' || t.kind === 'i64';
}

/** Human-readable type, for messages: `list<string>`, `people.Person`. */
export function typeText(t: TypeRef): string {
  switch (t.kind) {
    case 'list': case 'set': return `${t.kind}<${typeText(t.elem)}>`;
    case 'map': return `map<${typeText(t.key)}, ${typeText(t.value)}>`;
    case 'enum': case 'struct': return t.name;
    default: return t.kind;
  }
}

/**
 * Every map whose key is a struct or container, anywhere under `t` (through struct fields, element and
 * value types), each with the field that declares it. JSON can't express such keys (contract §5).
 */
export function badMapKeys(schema: Schema, t: TypeRef, via: FieldDef | undefined, seen = new Set<string>()): Array<{ type: TypeRef; field: FieldDef | undefined }> {
  const out: Array<{ type: TypeRef; field: FieldDef | undefined }> = [];
  const visit = (ty: TypeRef, field: FieldDef | undefined): void => {
    switch (ty.kind) {
      case 'list': case 'set': visit(ty.elem, field); return;
      case 'map':
        if (ty.key.kind === 'struct' || ty.key.kind === 'list' || ty.key.kind === 'set' || ty.key.kind === 'map') out.push({ type: ty, field });
        visit(ty.key, field);
        visit(ty.value, field);
        return;
      case 'struct': {
        if (seen.has(ty.name)) return;
        seen.add(ty.name);
        const def = structOf(schema, ty);
        for (const f of def?.fields ?? []) visit(f.type, f);
        return;
      }
      default:
    }
  };
  visit(t, via);
  return out;
}
