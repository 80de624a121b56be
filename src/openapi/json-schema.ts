/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses it) for IDL types under the contract's §5 value rules:
 * what a client sends and receives for each Thrift type.
 */
import { annotationValues } from '../idl/queries';
import type { Annotations, FieldDef, Schema, StructDef, EnumDef, TypeRef } from '../idl/model';

export interface JsonRules {
  readonly i64: 'number' | 'string';
  readonly enums: 'number' | 'name';
}

export type JsonSchema = Record<string, unknown>;

const INT_RANGE: Record<string, [number, number]> = { i8: [-128, 127], i16: [-32768, 32767], i32: [-2147483648, 2147483647] };

/** First value of annotation `name`, if present. */
export function annotationValue(annotations: Annotations, name: string): string | undefined {
  return annotationValues(annotations, name)[0];
}

/** The JSON key a field travels under: its `api.body` key, else its name. */
export function jsonKey(field: FieldDef): string {
  return annotationValue(field.annotations, 'api.body') || field.name;
}

/** Component name of a struct or enum in `#/components/schemas`. */
export function componentName(qname: string): string {
  return qname.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Builds schemas, collecting every struct/enum reached into `components`. */
export class SchemaBuilder {
  readonly components: Record<string, JsonSchema> = {};
  readonly #schema: Schema;
  readonly #rules: JsonRules;

  constructor(schema: Schema, rules: JsonRules) {
    this.#schema = schema;
    this.#rules = rules;
  }

  /** Schema of a value of `type`; `jsConv` when the field carries `api.js_conv="true"`. */
  type(type: TypeRef, jsConv = false): JsonSchema {
    switch (type.kind) {
      case 'bool': return { type: 'boolean' };
      case 'i8': case 'i16': case 'i32': {
        const [min, max] = INT_RANGE[type.kind]!;
        return { type: 'integer', minimum: min, maximum: max, ...(type.kind === 'i32' ? { format: 'int32' } : {}) };
      }
      case 'i64':
        return jsConv || this.#rules.i64 === 'string'
          ? { type: 'string', pattern: '^-?[0-9]+$', format: 'int64' }
          : { type: 'integer', format: 'int64' };
      case 'double': return { anyOf: [{ type: 'number' }, { type: 'string', enum: ['NaN', 'Infinity', '-Infinity'] }] };
      case 'string': return { type: 'string' };
      case 'binary': return { type: 'string', contentEncoding: 'base64' };
      case 'uuid': return { type: 'string', format: 'uuid' };
      case 'list': return { type: 'array', items: this.type(type.elem, jsConv) };
      case 'set': return { type: 'array', uniqueItems: true, items: this.type(type.elem, jsConv) };
      case 'map': return { type: 'object', additionalProperties: this.type(type.value, jsConv) };
      case 'enum': return this.#ref(type.name);
      case 'struct': return this.#ref(type.name);
    }
  }

  /** Object schema of a struct's fields, leaving out `omit` (fields that travel elsewhere). */
  structBody(def: StructDef, omit: (f: FieldDef) => boolean = () => false): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const f of def.fields) {
      if (omit(f) || annotationValue(f.annotations, 'api.none') === 'true') continue;
      const key = jsonKey(f);
      properties[key] = this.type(f.type, annotationValue(f.annotations, 'api.js_conv') === 'true');
      if (f.requiredness === 'required') required.push(key);
    }
    const out: JsonSchema = { type: 'object', properties };
    if (required.length > 0 && def.kind !== 'union') out['required'] = required;
    if (def.kind === 'union') Object.assign(out, { minProperties: 1, maxProperties: 1 });
    return out;
  }

  #ref(qname: string): JsonSchema {
    const name = componentName(qname);
    if (!(name in this.components)) {
      this.components[name] = {}; // placeholder first: recursive types refer to themselves
      const def = this.#schema.definitions.get(qname);
      if (def?.kind === 'enum') this.components[name] = this.#enum(def);
      else if (def && (def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception')) {
        this.components[name] = { ...this.structBody(def), ...(def.doc ? { description: def.doc } : {}) };
      }
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  #enum(def: EnumDef): JsonSchema {
    const names = def.members.map((m) => m.name);
    const values = def.members.map((m) => m.value);
    // Requests accept both; responses use the configured form.
    return this.#rules.enums === 'name'
      ? { anyOf: [{ type: 'string', enum: names }, { type: 'integer', enum: values }] }
      : { anyOf: [{ type: 'integer', enum: values }, { type: 'string', enum: names }] };
  }
}
