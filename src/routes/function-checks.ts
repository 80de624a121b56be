/**
 * Checks on a routed function's types that don't depend on the route: maps with struct or container keys
 * anywhere in the request or response (JSON can't express them, contract §5), `api.http_code` fields that
 * are not integers, `api.header` response fields that are not scalars, exception status annotations that
 * are not HTTP statuses.
 */
import type { SourceLocation } from '../errors';
import type { FieldDef, FunctionDef, Schema, StructDef, TypeRef } from '../idl/model';
import { problem, RouteCodes, RouteWarnings, where, type RouteProblem } from './problems';
import { badMapKeys, isInteger, isTextList, structOf, typeText } from './schema-walk';

/** Problems of one function, reported against its first route (`routeLoc`, `routeLabel`). */
export function checkFunctionTypes(schema: Schema, fn: FunctionDef, routeLoc: SourceLocation | undefined, routeLabel: string): RouteProblem[] {
  const out: RouteProblem[] = [];
  const seen = new Set<string>();
  const suffix = `(route ${routeLabel} at ${where(routeLoc)})`;
  const mapKeys = (t: TypeRef, via: FieldDef | undefined, role: string) => {
    for (const bad of badMapKeys(schema, t, via, seen)) {
      const at = bad.field?.loc ?? fn.loc;
      out.push(problem(RouteCodes.mapKey,
        `${bad.field ? `Field '${bad.field.name}'` : `The ${role} of ${fn.name}`} has type ${typeText(bad.type)}, whose keys JSON can't express ${suffix}.`,
        at, { related: [routeLoc] }));
    }
  };
  for (const a of fn.args) mapKeys(a.type, a, 'argument');
  if (fn.returnType.kind !== 'void') mapKeys(fn.returnType, undefined, 'return type');
  for (const x of fn.throws) mapKeys(x.type, x, 'exception');

  out.push(...nestedLocations(schema, fn, suffix));
  const response = fn.returnType.kind === 'void' ? undefined : structOf(schema, fn.returnType);
  if (response) out.push(...checkResponseFields(response, suffix, routeLoc));
  for (const x of fn.throws) {
    const ex = structOf(schema, x.type);
    if (!ex) continue;
    out.push(...checkResponseFields(ex, suffix, routeLoc));
    for (const a of ex.annotations) {
      if (a.name === 'api.http_code' && !isStatus(a.value)) {
        out.push(problem(RouteCodes.badAnnotation, `api.http_code on ${ex.qname} must be an HTTP status from 100 to 599, got "${a.value}".`, a.loc));
      }
    }
  }
  return out;
}

function checkResponseFields(def: StructDef, suffix: string, routeLoc: SourceLocation | undefined): RouteProblem[] {
  const out: RouteProblem[] = [];
  for (const f of def.fields) {
    for (const a of f.annotations) {
      if (a.name === 'api.http_code' && a.value === 'true' && !isInteger(f.type)) {
        out.push(problem(RouteCodes.bindingType, `api.http_code field '${def.name}.${f.name}' must be an integer, not ${typeText(f.type)} ${suffix}.`, a.loc, { related: [routeLoc] }));
      }
      if (a.name === 'api.header' && !isTextList(f.type)) {
        out.push(problem(RouteCodes.bindingType, `api.header field '${def.name}.${f.name}' must be a scalar or a list of scalars, not ${typeText(f.type)} ${suffix}.`, a.loc, { related: [routeLoc] }));
      }
    }
  }
  return out;
}

function isStatus(v: string): boolean {
  return /^[1-5][0-9]{2}$/.test(v);
}

const nestedKeys = new Set(['api.path', 'api.query', 'api.header', 'api.cookie', 'api.raw_body', 'api.raw_uri']);

/** Location annotations on fields below the request's top level: bound nowhere, so warned about once each. */
function nestedLocations(schema: Schema, fn: FunctionDef, suffix: string): RouteProblem[] {
  const out: RouteProblem[] = [];
  const only = fn.args.length === 1 ? fn.args[0] : undefined;
  const request = only ? structOf(schema, only.type) : undefined;
  const top = request && request.kind === 'struct' ? request.fields : fn.args;
  const seen = new Set<string>();
  const visit = (t: TypeRef): void => {
    if (t.kind === 'list' || t.kind === 'set') return visit(t.elem);
    if (t.kind === 'map') return visit(t.value);
    const def = structOf(schema, t);
    if (!def || seen.has(def.qname)) return;
    seen.add(def.qname);
    for (const f of def.fields) {
      for (const a of f.annotations) {
        if (nestedKeys.has(a.name)) {
          out.push(problem(RouteWarnings.nestedLocation,
            `${a.name} on nested field '${def.name}.${f.name}' is ignored: only top-level request fields are bound ${suffix}.`, a.loc));
        }
      }
      visit(f.type);
    }
  };
  for (const f of top) visit(f.type);
  return out;
}
