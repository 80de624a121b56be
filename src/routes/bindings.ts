/**
 * Request bindings (contract §3): where each request-struct field (or each argument) takes its value from.
 * Location annotations are tried left to right; unannotated fields come from the query for GET, DELETE and
 * HEAD routes and from the JSON body key otherwise; a route serving both kinds of method tries the body key
 * first, then the query. `api.none` request fields are never bound. Explicit `bind:` overrides replace a
 * field's sources entirely.
 */
import type { SourceLocation } from '../errors';
import type { Annotation, FieldDef, FunctionDef, Schema } from '../idl/model';
import type { BindConfig } from '../config/types';
import type { PathTemplate } from './path-template';
import { problem, RouteCodes, RouteWarnings, where, type RouteProblem } from './problems';
import { isTextList, isTextScalar, structOf, typeText } from './schema-walk';
import type { BindingSource, FieldBinding, HttpMethod } from './types';

const locationKeys: Record<string, BindingSource['from']> = {
  'api.path': 'path', 'api.query': 'query', 'api.header': 'header', 'api.cookie': 'cookie',
  'api.body': 'body', 'api.raw_body': 'raw_body', 'api.raw_uri': 'raw_uri',
};
const queryMethods: ReadonlyArray<HttpMethod> = ['GET', 'DELETE', 'HEAD'];

export interface BindContext {
  readonly schema: Schema;
  readonly fn: FunctionDef;
  readonly methods: ReadonlyArray<HttpMethod> | '*';
  readonly template: PathTemplate;
  /** Where the route is declared (annotation or config entry). */
  readonly routeLoc: SourceLocation | undefined;
  /** `GET /v1/people/:id`, for messages. */
  readonly routeLabel: string;
  readonly overrides: Readonly<Record<string, ReadonlyArray<BindConfig>>>;
  readonly problems: RouteProblem[];
}

export interface RequestBinding {
  readonly requestShape: 'struct' | 'args';
  readonly bindings: FieldBinding[];
}

/** Computes the bindings of one route; problems go to `ctx.problems`. */
export function bindRequest(ctx: BindContext): RequestBinding {
  const { fn, schema } = ctx;
  const only = fn.args.length === 1 ? fn.args[0] : undefined;
  const request = only ? structOf(schema, only.type) : undefined;
  const requestShape = request && request.kind === 'struct' ? 'struct' : 'args';
  const fields = requestShape === 'struct' && request ? request.fields : fn.args;
  for (const [name, list] of Object.entries(ctx.overrides)) {
    if (!fields.some((f) => f.name === name)) {
      const known = fields.map((f) => f.name).join(', ') || 'none';
      ctx.problems.push(problem(RouteCodes.unknownField,
        `Route ${ctx.routeLabel} binds '${name}', which is not a ${requestShape === 'struct' ? `field of ${request?.qname}` : `argument of ${fn.name}`} (known: ${known}).`,
        list[0]?.loc ?? ctx.routeLoc));
    }
  }
  const bindings = fields.map((f) => bindField(ctx, f));
  const used = new Set(bindings.flatMap((b) => b.sources.flatMap((s) => (s.from === 'path' ? [s.name] : []))));
  for (const param of ctx.template.params) {
    if (!used.has(param)) {
      ctx.problems.push(problem(RouteWarnings.unusedPathParam,
        `Route ${ctx.routeLabel}: path parameter '${param}' is bound to no request field (add api.path="${param}" to one).`, ctx.routeLoc));
    }
  }
  return { requestShape, bindings };
}

function bindField(ctx: BindContext, f: FieldDef): FieldBinding {
  const override = ctx.overrides[f.name];
  if (override) {
    const sources = override.filter((b) => checkSource(ctx, f, toSource(b), b.loc ?? ctx.routeLoc)).map(toSource);
    return { fieldId: f.id, fieldName: f.name, sources };
  }
  if (f.annotations.some((a) => a.name === 'api.none' && a.value === 'true')) {
    return { fieldId: f.id, fieldName: f.name, sources: [] };
  }
  const annotated = f.annotations.filter((a) => a.name in locationKeys);
  if (annotated.length > 0) {
    const sources: BindingSource[] = [];
    for (const a of annotated) {
      const src = fromAnnotation(ctx, f, a);
      if (src && checkSource(ctx, f, src, a.loc)) sources.push(src);
    }
    return { fieldId: f.id, fieldName: f.name, sources };
  }
  return { fieldId: f.id, fieldName: f.name, sources: defaultSources(ctx, f) };
}

function fromAnnotation(ctx: BindContext, f: FieldDef, a: Annotation): BindingSource | undefined {
  const from = locationKeys[a.name] as BindingSource['from'];
  if (from === 'raw_body' || from === 'raw_uri') {
    if (a.value !== 'true') {
      ctx.problems.push(problem(RouteCodes.badAnnotation, `${a.name} on field '${f.name}' must be "true", got "${a.value}".`, a.loc));
      return undefined;
    }
    return { from };
  }
  return { from, name: a.value === '' ? f.name : a.value };
}

function toSource(b: BindConfig): BindingSource {
  return b.from === 'raw_body' || b.from === 'raw_uri' ? { from: b.from } : { from: b.from, name: b.name as string };
}

/** Unannotated fields: query for GET/DELETE/HEAD, body otherwise, body then query for mixed routes. */
function defaultSources(ctx: BindContext, f: FieldDef): BindingSource[] {
  const ms = ctx.methods;
  const allQuery = ms !== '*' && ms.every((m) => queryMethods.includes(m));
  const anyQuery = ms === '*' || ms.some((m) => queryMethods.includes(m));
  const sources: BindingSource[] = [];
  if (!allQuery) sources.push({ from: 'body', name: f.name });
  if (anyQuery && isTextList(f.type)) sources.push({ from: 'query', name: f.name });
  if (sources.length === 0) {
    const msg = `Route ${ctx.routeLabel}: field '${f.name}' (${typeText(f.type)}) can't come from a query parameter and has no api.body annotation`;
    if (f.requiredness === 'required') {
      ctx.problems.push(problem(RouteCodes.unbindable, `${msg}, but it is required.`, f.loc, { related: [ctx.routeLoc] }));
    } else {
      ctx.problems.push(problem(RouteWarnings.unboundField, `${msg}; it is never set from the request.`, f.loc, { related: [ctx.routeLoc] }));
    }
  }
  return sources;
}

/** Checks a source against the route's path and the field's type; reports and returns false when unusable. */
function checkSource(ctx: BindContext, f: FieldDef, src: BindingSource, loc: SourceLocation | undefined): boolean {
  const fail = (code: string, message: string) => {
    ctx.problems.push(problem(code, `${message} (route ${ctx.routeLabel} at ${where(ctx.routeLoc)})`, loc, { related: [ctx.routeLoc] }));
    return false;
  };
  const t = typeText(f.type);
  switch (src.from) {
    case 'path':
      if (!ctx.template.params.includes(src.name)) {
        return fail(RouteCodes.missingPathParam, `Field '${f.name}' is bound to path segment '${src.name}', which path '${ctx.template.text}' lacks.`);
      }
      return isTextScalar(f.type) || fail(RouteCodes.bindingType, `Field '${f.name}' (${t}) can't come from a path segment: only scalars can.`);
    case 'cookie':
      return isTextScalar(f.type) || fail(RouteCodes.bindingType, `Field '${f.name}' (${t}) can't come from a cookie: only scalars can.`);
    case 'query': case 'header':
      return isTextList(f.type) || fail(RouteCodes.bindingType, `Field '${f.name}' (${t}) can't come from a ${src.from}: only scalars and lists of scalars can.`);
    case 'raw_body':
      return f.type.kind === 'string' || f.type.kind === 'binary'
        || fail(RouteCodes.bindingType, `api.raw_body needs a string or binary field; '${f.name}' is ${t}.`);
    case 'raw_uri':
      return f.type.kind === 'string' || fail(RouteCodes.bindingType, `api.raw_uri needs a string field; '${f.name}' is ${t}.`);
    case 'body':
      return true;
  }
}
