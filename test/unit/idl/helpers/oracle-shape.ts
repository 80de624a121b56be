/**
 * Renders one file of our resolved model in the shape `thrift --gen json` (0.17) prints, so the two can
 * be compared with deepStrictEqual. Numbers become `{ $num }` (see lossless-json.ts); doubles are
 * rounded to the 15 significant digits the compiler prints.
 */
import type { Annotations, ConstValue, Definition, FieldDef, Schema, ThriftFile, TypeRef } from '../../../../src/idl';
import { canonicalNumber, type Json } from './lossless-json';

const num = (text: string | number | bigint): Json => ({ $num: canonicalNumber(String(text)) });
const dbl = (v: number): Json => ({ $num: String(Number(v.toPrecision(15))) });

/** The compiler's JSON for `file`, minus the program-level doc. */
export function oracleShape(schema: Schema, file: ThriftFile): Json {
  const className = (qname: string): string => {
    const def = schema.definitions.get(qname)!;
    return def.file === file.path ? def.name : qname;
  };
  const typeId = (t: TypeRef): string => {
    if (t.kind === 'enum') return 'i32';
    if (t.kind === 'struct') return schema.definitions.get(t.name)!.kind;
    return t.kind;
  };
  const typeDetail = (t: TypeRef): Json | undefined => {
    switch (t.kind) {
      case 'struct': {
        // The compiler repeats the target type's annotations wherever it is referenced.
        const target = schema.definitions.get(t.name)!;
        return addCommon({ typeId: typeId(t), class: className(t.name) }, undefined, target.annotations);
      }
      case 'list':
      case 'set':
        return withOptional({ typeId: t.kind, elemTypeId: typeId(t.elem) }, 'elemType', typeDetail(t.elem));
      case 'map':
        return withOptional(withOptional({ typeId: 'map', keyTypeId: typeId(t.key) }, 'keyType', typeDetail(t.key)) as { [k: string]: Json }, 'valueTypeId', typeId(t.value), 'valueType', typeDetail(t.value));
      default:
        return undefined;
    }
  };
  const typed = (t: TypeRef, prefix = ''): { [k: string]: Json } => prefix === ''
    ? withOptional({ typeId: typeId(t) }, 'type', typeDetail(t)) as { [k: string]: Json }
    : withOptional({ [`${prefix}TypeId`]: typeId(t) }, `${prefix}Type`, typeDetail(t)) as { [k: string]: Json };
  const field = (f: FieldDef): Json => {
    const out: { [k: string]: Json } = { key: num(f.id), name: f.name, ...typed(f.type), required: f.requiredness === 'default' ? 'req_out' : f.requiredness };
    addCommon(out, f.doc, f.annotations);
    if (f.default !== undefined) out.default = constJson(f.default);
    return out;
  };
  const defs = (kind: Definition['kind'][]) => file.definitions.filter((d) => kind.includes(d.kind));
  const out: { [k: string]: Json } = {
    name: file.name,
    namespaces: { ...file.namespaces },
    includes: file.includes.map((p) => schema.files.get(p)!.name),
    enums: defs(['enum']).map((d) => d.kind === 'enum' ? addCommon({ name: d.name, members: d.members.map((m) => ({ name: m.name, value: num(m.value) })) }, d.doc, d.annotations) : null),
    typedefs: defs(['typedef']).map((d) => d.kind === 'typedef' ? addCommon({ name: d.name, ...typed(d.type) }, d.doc, d.annotations) : null),
    structs: defs(['struct', 'union', 'exception']).map((d) => d.kind === 'struct' || d.kind === 'union' || d.kind === 'exception'
      ? addCommon({ name: d.name, isException: d.kind === 'exception', isUnion: d.kind === 'union', fields: d.fields.map(field) }, d.doc, d.annotations)
      : null),
    constants: defs(['const']).map((d) => d.kind === 'const' ? addCommon({ name: d.name, ...typed(d.type), value: constJson(d.value) }, d.doc, []) : null),
    services: defs(['service']).map((d) => d.kind === 'service'
      ? addCommon(withOptional({ name: d.name }, 'extends', d.extends && className(d.extends)) as { [k: string]: Json }, d.doc, d.annotations, {
        functions: d.functions.map((fn) => addCommon({
          name: fn.name,
          ...(fn.returnType.kind === 'void' ? { returnTypeId: 'void' } : typed(fn.returnType, 'return')),
          oneway: fn.oneway,
          arguments: fn.args.map(field),
          exceptions: fn.throws.map(field),
        }, fn.doc, fn.annotations)),
      })
      : null),
  };
  return out;
}

function withOptional(base: { [k: string]: Json }, ...pairs: Array<string | Json | undefined>): Json {
  const out = { ...base };
  for (let i = 0; i < pairs.length; i += 2) {
    const v = pairs[i + 1];
    if (v !== undefined) out[pairs[i] as string] = v as Json;
  }
  return out;
}

function addCommon(out: { [k: string]: Json }, doc: string | undefined, annotations: Annotations, extra: { [k: string]: Json } = {}): { [k: string]: Json } {
  if (doc !== undefined) out.doc = doc.trim();
  if (annotations.length > 0) {
    // The compiler keeps annotations in a std::map: the last value of a repeated name wins, and a
    // valueless annotation reads "1".
    const map: { [k: string]: Json } = {};
    for (const a of annotations) map[a.name] = a.value === '' ? '1' : a.value;
    out.annotations = map;
  }
  return Object.assign(out, extra);
}

/** A constant as the compiler prints it: bools as 0/1, binary as its text, maps as objects. */
export function constJson(v: ConstValue): Json {
  switch (v.kind) {
    case 'bool': return num(v.value ? 1 : 0);
    case 'int': return num(v.value);
    case 'double': return dbl(v.value);
    case 'string': return v.value;
    case 'binary': return Buffer.from(v.value).toString('utf8');
    case 'list': return v.items.map(constJson);
    case 'map': {
      const o: { [k: string]: Json } = {};
      for (const [k, val] of v.entries) {
        const key = constJson(k);
        const text = typeof key === 'string' ? key : key !== null && typeof key === 'object' && '$num' in key ? String(key.$num) : JSON.stringify(key);
        o[text] = constJson(val);
      }
      return o;
    }
    case 'struct': {
      const o: { [k: string]: Json } = {};
      for (const f of v.fields) o[f.name] = constJson(f.value);
      return o;
    }
  }
}

/**
 * Makes empty constant containers comparable: 0.17 prints a set written `{}` as `{}`, we hold it as an
 * empty list. Applied to both sides, under `value` and `default` keys only.
 */
export function emptyContainersAsArrays(j: Json, inValue = false): Json {
  if (Array.isArray(j)) return j.map((e) => emptyContainersAsArrays(e, inValue));
  if (j && typeof j === 'object' && !('$num' in j)) {
    if (inValue && Object.keys(j).length === 0) return [];
    const o: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(j)) o[k] = emptyContainersAsArrays(v, inValue || k === 'value' || k === 'default');
    return o;
  }
  return j;
}

/** Normalizes a compiler JSON document for comparison: trims docs, drops the program doc. */
export function normalizeOracle(j: Json): Json {
  const walk = (x: Json, top: boolean): Json => {
    if (Array.isArray(x)) return x.map((e) => walk(e, false));
    if (x && typeof x === 'object' && !('$num' in x)) {
      const o: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(x)) {
        if (k === 'doc' && top) continue;
        o[k] = k === 'doc' && typeof v === 'string' ? v.trim() : walk(v, false);
      }
      return o;
    }
    return x;
  };
  return walk(j, true);
}
