/**
 * Builds model fields from a field list (struct members, function arguments or throws) with 0.17's
 * rules: a field without a positive id gets an automatic one counting down from -1 per list, union
 * members are optional, `optional` is ignored on arguments, and defaults are coerced to the field type.
 */
import type { AstAnnotation, AstField } from './ast';
import { Diagnostics, createDiagnostic } from './diagnostics';
import type { ParsedFile } from './include-graph';
import type { Annotations, FieldDef, Requiredness } from './model';
import { checkTypeDefinedBefore, resolveConst } from './resolve-consts';
import { resolveType, type ResolveContext } from './resolve-types';

export type FieldListKind = 'struct' | 'union' | 'exception' | 'args' | 'throws';

/** Model annotations from AST ones; a valueless annotation gets the empty string. */
export function buildAnnotations(list: ReadonlyArray<AstAnnotation>): Annotations {
  return Object.freeze(list.map((a) => Object.freeze({ name: a.name, value: a.value ?? '', loc: a.loc })));
}

/** The model fields of one list; fields whose type does not resolve are reported and left out. */
export function buildFields(ctx: ResolveContext, file: ParsedFile, fields: ReadonlyArray<AstField>, kind: FieldListKind): FieldDef[] {
  let nextAuto = -1;
  const out: FieldDef[] = [];
  for (const f of fields) {
    let id: number;
    if (f.id === undefined) {
      ctx.diagnostics.push(createDiagnostic(Diagnostics.ImplicitFieldId, f.nameLoc, f.name));
      id = nextAuto--;
    } else if (f.id <= 0n) {
      ctx.diagnostics.push(createDiagnostic(Diagnostics.NonPositiveFieldId, f.loc, f.id));
      id = nextAuto--;
    } else {
      // 0.17 keeps an id above 32767 with a warning; it cannot be written as i16 on the wire.
      if (f.id > 32767n) ctx.diagnostics.push(createDiagnostic(Diagnostics.FieldIdOutOfRange, f.loc, f.id));
      id = Number(f.id);
    }
    if (kind === 'throws' && !checkTypeDefinedBefore(ctx, file, f.type, f.loc, Diagnostics.ThrowsTypeBeforeUse)) continue;
    const resolved = resolveType(ctx, file, f.type);
    if (!resolved) continue;
    let defaultValue;
    if (f.default !== undefined && checkTypeDefinedBefore(ctx, file, f.type, f.loc)) {
      defaultValue = resolveConst(ctx, file, f.default, resolved.type, { label: f.name });
    }
    out.push(Object.freeze({
      id,
      name: f.name,
      type: resolved.type,
      typedefs: Object.freeze([...resolved.typedefs]),
      requiredness: requiredness(ctx, f, kind),
      default: defaultValue,
      annotations: buildAnnotations(f.annotations),
      doc: f.doc,
      loc: f.loc,
    }));
  }
  return out;
}

function requiredness(ctx: ResolveContext, f: AstField, kind: FieldListKind): Requiredness {
  if (kind === 'union') {
    if (f.requiredness === 'required') ctx.diagnostics.push(createDiagnostic(Diagnostics.UnionMemberRequiredness, f.loc, f.name));
    return 'optional';
  }
  if ((kind === 'args' || kind === 'throws') && f.requiredness === 'optional') {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.ArgumentOptional, f.loc));
    return 'default';
  }
  return f.requiredness ?? 'default';
}
