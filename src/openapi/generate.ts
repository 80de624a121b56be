/**
 * OpenAPI 3.1 document of the live REST surface (contract §10 `GET /v1/openapi.json`): every route, its
 * parameters from the bindings, request and response bodies from the IDL types under the §5 rules, and the
 * §6 error envelope with each declared exception's status.
 */
import type { FieldDef, Schema, StructDef } from '../idl/model';
import { allFunctions } from '../idl/queries';
import type { Route, RouteTable, ThriftTarget } from '../routes/types';
import { SchemaBuilder, annotationValue, type JsonRules, type JsonSchema } from './json-schema';

export interface OpenApiOptions {
  readonly title?: string;
  readonly version?: string;
  readonly json: JsonRules;
}

const ENVELOPE = 'sluice.Error';
const ALL_METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/** `*name` and `:name` segments as OpenAPI `{name}`. */
export function openApiPath(template: string): string {
  return template.replace(/[:*]([A-Za-z0-9_]+)/g, '{$1}');
}

/** Builds the document for `table` over `schema`. */
export function buildOpenApi(schema: Schema, table: RouteTable, opts: OpenApiOptions): Record<string, unknown> {
  const b = new SchemaBuilder(schema, opts.json);
  b.components[ENVELOPE] = {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: {
      code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, detail: {} } } },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of table.routes) {
    const p = (paths[openApiPath(route.path)] ??= {});
    const methods = route.methods === '*' ? ALL_METHODS : route.methods.map((m) => m.toLowerCase());
    for (const m of methods) {
      if (m === 'options') continue;
      p[m] = route.target.kind === 'thrift' ? thriftOperation(schema, b, route, route.target) : proxyOperation(route);
    }
    const pathParams = [...route.path.matchAll(/[:*]([A-Za-z0-9_]+)/g)].map((x) => x[1]!);
    for (const op of Object.values(p) as Array<{ parameters: Array<Record<string, unknown>> }>) {
      for (const name of pathParams) {
        if (!op.parameters.some((x) => x['in'] === 'path' && x['name'] === name)) {
          op.parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
        }
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: opts.title ?? 'Sluice gateway', version: opts.version ?? '1' },
    paths,
    components: { schemas: b.components },
  };
}

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ENVELOPE}` } } } });

function commonErrors(): Record<string, unknown> {
  return {
    400: errorRef('bad_request: malformed JSON, wrong type, missing required field or bad parameter'),
    413: errorRef('payload_too_large'),
    422: errorRef('pseudonymization_failed'),
    502: errorRef('upstream_error or upstream_application_error'),
    503: errorRef('upstream_unavailable'),
    504: errorRef('upstream_timeout'),
  };
}

function proxyOperation(route: Route): Record<string, unknown> {
  return { operationId: route.id, summary: `proxied to ${route.target.kind === 'proxy' ? route.target.endpoints.join(', ') : ''}`,
    parameters: [], responses: { default: { description: 'the upstream response, unchanged' } } };
}

function thriftOperation(schema: Schema, b: SchemaBuilder, route: Route, t: ThriftTarget): Record<string, unknown> {
  // allFunctions lists base services first: the last match is the most derived declaration.
  const fn = allFunctions(schema, t.service).filter((x) => x.name === t.function).pop();
  const op: Record<string, unknown> = { operationId: route.id, summary: `${t.service}.${t.function}`, parameters: [] as unknown[] };
  if (!fn) return { ...op, responses: { default: errorRef('unknown function') } };
  if (fn.doc) op['description'] = fn.doc;
  const parameters = op['parameters'] as Array<Record<string, unknown>>;

  // The fields bindings fill: the request struct's fields, or the arguments themselves.
  const reqStruct = t.requestShape === 'struct' && fn.args[0]?.type.kind === 'struct'
    ? schema.definitions.get(fn.args[0].type.name) as StructDef | undefined : undefined;
  const fields: readonly FieldDef[] = reqStruct ? reqStruct.fields : fn.args;
  const bodyProps: Record<string, JsonSchema> = {};
  const bodyRequired: string[] = [];
  let rawBody: FieldDef | undefined;
  for (const binding of t.bindings) {
    const f = fields.find((x) => x.id === binding.fieldId);
    if (!f) continue;
    const single = binding.sources.length === 1;
    const jsConv = annotationValue(f.annotations, 'api.js_conv') === 'true';
    for (const s of binding.sources) {
      if (!('name' in s)) {
        if (s.from === 'raw_body') rawBody = f;
        continue;
      }
      if (s.from === 'body') {
        bodyProps[s.name] = b.type(f.type, jsConv);
        if (single && f.requiredness === 'required') bodyRequired.push(s.name);
      } else {
        const isList = f.type.kind === 'list' || f.type.kind === 'set';
        parameters.push({
          name: s.name, in: s.from, required: s.from === 'path' || (single && f.requiredness === 'required'),
          schema: s.from === 'path' || !isList ? b.type(f.type, jsConv) : b.type(f.type, jsConv),
          ...(isList && s.from === 'query' ? { style: 'form', explode: true, description: 'repeat the parameter or separate values with commas' } : {}),
        });
      }
    }
  }
  if (rawBody) {
    op['requestBody'] = { required: false, content: { [rawBody.type.kind === 'binary' ? 'application/octet-stream' : 'text/plain']: { schema: { type: 'string' } } } };
  } else if (Object.keys(bodyProps).length > 0) {
    op['requestBody'] = { required: bodyRequired.length > 0, content: { 'application/json': { schema:
      { type: 'object', properties: bodyProps, ...(bodyRequired.length ? { required: bodyRequired } : {}) } } } };
  }

  const responses: Record<string, unknown> = { ...commonErrors() };
  if (fn.returnType.kind === 'void') responses['204'] = { description: 'no content' };
  else if (fn.returnType.kind === 'struct') {
    const def = schema.definitions.get(fn.returnType.name) as StructDef;
    const isMeta = (f: FieldDef) => annotationValue(f.annotations, 'api.header') !== undefined || annotationValue(f.annotations, 'api.http_code') === 'true';
    const headers: Record<string, unknown> = {};
    for (const f of def.fields) {
      const h = annotationValue(f.annotations, 'api.header');
      if (h !== undefined && annotationValue(f.annotations, 'api.none') !== 'true') headers[h] = { schema: b.type(f.type) };
    }
    b.type(fn.returnType); // registers the component for reference by clients
    responses['200'] = { description: 'success (or the status the api.http_code field sets)',
      ...(Object.keys(headers).length ? { headers } : {}),
      content: { 'application/json': { schema: b.structBody(def, isMeta) } } };
  } else {
    responses['200'] = { description: 'success', content: { 'application/json': { schema: b.type(fn.returnType) } } };
  }
  for (const ex of fn.throws) {
    if (ex.type.kind !== 'struct') continue;
    const def = schema.definitions.get(ex.type.name) as StructDef | undefined;
    if (!def) continue;
    const status = exceptionStatus(def);
    const envelope = { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: {
      code: { const: ex.type.name }, message: { type: 'string' }, detail: b.type(ex.type) } } } };
    const key = String(status);
    const prev = responses[key] as { content?: { 'application/json': { schema: JsonSchema } } } | undefined;
    const schemaOf = prev?.content?.['application/json'].schema;
    responses[key] = { description: `${ex.type.name}${prev ? ' or other errors' : ''}`,
      content: { 'application/json': { schema: schemaOf ? { anyOf: [schemaOf, envelope] } : envelope } } };
  }
  op['responses'] = responses;
  return op;
}

/** Status of a declared exception: its type's `api.http_code`, else (statically unknown field value) 500. */
function exceptionStatus(def: StructDef): number {
  const code = Number(annotationValue(def.annotations, 'api.http_code'));
  return Number.isInteger(code) && code >= 100 && code <= 599 ? code : 500;
}
