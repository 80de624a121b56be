/**
 * JSON → Thrift under the §5 rules, driven by the schema model: values are checked and written straight
 * to a ProtocolWriter (fields in id order, like Apache's generated writers, so bytes match theirs).
 */
import type { Schema, TypeRef } from '../idl/model';
import type { ProtocolWriter } from '../thrift/protocol/protocol';
import { decodeBase64 } from './base64';
import { writeConst } from './defaults';
import {
  JsonBadValueError, JsonMissingRequiredError, JsonOutOfRangeError, JsonTooDeepError, JsonUnionArityError,
  JsonUnknownFieldError, JsonWrongTypeError,
} from './errors';
import { INT_RANGE, integerFromText, isNumberText } from './numbers';
import { MAX_VALUE_DEPTH } from './options';
import type { JsonOptions } from './options';
import { parseJson } from './parse';
import { JsonPath } from './path';
import { assertJsonMapKey, enumView, structView, ttypeOf } from './schema-view';
import type { StructView } from './schema-view';
import { parseUuid } from './uuid';
import { JsonNumber, isJsonObject, objectKeys, ownValue } from './value';
import type { JsonObject, JsonValue } from './value';

type IntKind = keyof typeof INT_RANGE;
/** JSON integers this short are exact as doubles and can skip the bigint path. */
const SHORT_INT = /^-?\d{1,9}$/;
const SMALL_RANGE: Record<IntKind, readonly [number, number]> = {
  i8: [-128, 127], i16: [-32768, 32767], i32: [-2147483648, 2147483647], i64: [-Infinity, Infinity],
};

/**
 * Converts JSON text (a string is always JSON text) or an already parsed value to Thrift, writing it to
 * `writer`. Throws a SluiceError (400, `field` = JSON path) on the first value that breaks the rules.
 */
export function jsonToThrift(schema: Schema, type: TypeRef, json: string | JsonValue, writer: ProtocolWriter, opts: JsonOptions = {}): void {
  valueToThrift(schema, type, typeof json === 'string' ? parseJson(json) : json, writer, opts);
}

/** Like jsonToThrift for a parsed value only: a string here is the value itself, not JSON text. */
export function valueToThrift(schema: Schema, type: TypeRef, value: JsonValue, writer: ProtocolWriter, opts: JsonOptions = {}): void {
  new Encoder(schema, writer, opts.unknownFields === 'reject').value(type, value, 0);
}

function describe(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof JsonNumber) return `the number ${v.text}`;
  if (v instanceof Uint8Array) return 'bytes';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'boolean' ? 'the boolean' : 'the number'} ${String(v)}`;
}

class Encoder {
  readonly path = new JsonPath();

  constructor(readonly schema: Schema, readonly w: ProtocolWriter, readonly rejectUnknown: boolean) {}

  wrongType(v: JsonValue, expected: string): Error {
    return JsonWrongTypeError(`expected ${expected}, got ${describe(v)}`, { field: this.path.format() });
  }

  value(t: TypeRef, v: JsonValue, depth: number): void {
    const w = this.w;
    switch (t.kind) {
      case 'bool':
        if (typeof v !== 'boolean') throw this.wrongType(v, 'true or false');
        w.writeBool(v);
        return;
      case 'i8': w.writeByte(this.int(v, 'i8')); return;
      case 'i16': w.writeI16(this.int(v, 'i16')); return;
      case 'i32': w.writeI32(this.int(v, 'i32')); return;
      case 'i64': w.writeI64(this.bigInt(v, 'i64')); return;
      case 'double': w.writeDouble(this.double(v)); return;
      case 'string':
        if (typeof v !== 'string') throw this.wrongType(v, 'a string');
        w.writeString(v);
        return;
      case 'binary': w.writeBinary(this.binary(v)); return;
      case 'uuid': {
        const bytes = typeof v === 'string' ? parseUuid(v) : v instanceof Uint8Array && v.length === 16 ? v : undefined;
        if (bytes === undefined) {
          if (typeof v !== 'string') throw this.wrongType(v, 'a uuid string');
          throw JsonBadValueError(`${JSON.stringify(v)} is not a uuid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`, { field: this.path.format() });
        }
        w.writeUuid(bytes);
        return;
      }
      case 'enum': w.writeI32(this.enumValue(t.name, v)); return;
      case 'list': case 'set': {
        if (!Array.isArray(v)) throw this.wrongType(v, 'an array');
        this.enter(depth);
        const et = ttypeOf(t.elem);
        if (t.kind === 'list') w.writeListBegin(et, v.length); else w.writeSetBegin(et, v.length);
        for (let i = 0; i < v.length; i++) {
          this.path.push(i);
          const e = v[i]!;
          if (e === null || e === undefined) throw this.wrongType(null, `a ${t.elem.kind} element`);
          this.value(t.elem, e, depth + 1);
          this.path.pop();
        }
        if (t.kind === 'list') w.writeListEnd(); else w.writeSetEnd();
        return;
      }
      case 'map': {
        if (!isJsonObject(v)) throw this.wrongType(v, 'an object');
        this.enter(depth);
        assertJsonMapKey(t.key, this.path.format());
        const keys = objectKeys(v);
        w.writeMapBegin(ttypeOf(t.key), ttypeOf(t.value), keys.length);
        for (const k of keys) {
          this.path.push(k);
          this.mapKey(t.key, k, depth + 1);
          const mv = v[k];
          if (mv === null || mv === undefined) throw this.wrongType(null, `a ${t.value.kind} value`);
          this.value(t.value, mv, depth + 1);
          this.path.pop();
        }
        w.writeMapEnd();
        return;
      }
      case 'struct':
        this.struct(structView(this.schema, t.name), v, depth + 1);
        return;
    }
  }

  enter(depth: number): void {
    if (depth + 1 > MAX_VALUE_DEPTH) {
      throw JsonTooDeepError(`values nest deeper than ${MAX_VALUE_DEPTH} levels`, { field: this.path.format() });
    }
  }

  mapKey(t: TypeRef, key: string, depth: number): void {
    if (t.kind === 'bool') {
      if (key !== 'true' && key !== 'false') {
        throw JsonBadValueError(`map key ${JSON.stringify(key)} is not "true" or "false"`, { field: this.path.format() });
      }
      this.w.writeBool(key === 'true');
      return;
    }
    this.value(t, key, depth);
  }

  /** An i8/i16/i32 as a number, range-checked; a fast path for short JSON integers. */
  int(v: JsonValue, kind: IntKind): number {
    if (v instanceof JsonNumber && SHORT_INT.test(v.text)) {
      const n = Number(v.text);
      const [min, max] = SMALL_RANGE[kind];
      if (n >= min && n <= max) return n;
    }
    return Number(this.bigInt(v, kind));
  }

  /** Any integer kind as an exact bigint, range-checked. Accepts numbers and decimal strings. */
  bigInt(v: JsonValue, kind: IntKind): bigint {
    let n: bigint;
    if (v instanceof JsonNumber || typeof v === 'string') {
      const text = typeof v === 'string' ? v : v.text;
      const r = integerFromText(text);
      if (r === 'syntax') throw this.wrongType(v, `an integer (${kind})`);
      if (r === 'fraction') throw JsonOutOfRangeError(`${text} is not an integer (${kind})`, { field: this.path.format() });
      n = r;
    } else if (typeof v === 'bigint') {
      n = v;
    } else if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw JsonOutOfRangeError(`${v} is not an integer (${kind})`, { field: this.path.format() });
      n = BigInt(v);
    } else {
      throw this.wrongType(v, `an integer (${kind})`);
    }
    const [min, max] = INT_RANGE[kind];
    if (n < min || n > max) {
      throw JsonOutOfRangeError(`${n} is out of range for ${kind} (${min} to ${max})`, { field: this.path.format() });
    }
    return n;
  }

  double(v: JsonValue): number {
    let text: string;
    if (v instanceof JsonNumber) text = v.text;
    else if (typeof v === 'number') return v;
    else if (typeof v === 'bigint') return Number(v);
    else if (typeof v === 'string') {
      if (v === 'NaN') return NaN;
      if (v === 'Infinity') return Infinity;
      if (v === '-Infinity') return -Infinity;
      if (!isNumberText(v)) throw this.wrongType(v, 'a number or "NaN", "Infinity", "-Infinity"');
      text = v;
    } else throw this.wrongType(v, 'a number');
    const n = Number(text);
    if (!Number.isFinite(n)) throw JsonOutOfRangeError(`${text} is out of range for double`, { field: this.path.format() });
    return n;
  }

  binary(v: JsonValue): Uint8Array {
    if (v instanceof Uint8Array) return v;
    if (typeof v !== 'string') throw this.wrongType(v, 'a base64 string');
    const bytes = decodeBase64(v);
    if (!bytes) throw JsonBadValueError('value is not base64 (standard or URL-safe, padded or not)', { field: this.path.format() });
    return bytes;
  }

  enumValue(name: string, v: JsonValue): number {
    if (typeof v === 'string') {
      const byName = enumView(this.schema, name).byName.get(v);
      if (byName !== undefined) return byName;
      if (integerFromText(v) === 'syntax') {
        const names = [...enumView(this.schema, name).byName.keys()].join(', ');
        throw JsonBadValueError(`${JSON.stringify(v)} is not a member of enum ${name} (${names})`, { field: this.path.format() });
      }
    }
    return Number(this.bigInt(v, 'i32'));
  }

  struct(view: StructView, v: JsonValue, depth: number): void {
    if (!isJsonObject(v)) throw this.wrongType(v, `an object (${view.def.qname})`);
    if (depth > MAX_VALUE_DEPTH) {
      throw JsonTooDeepError(`values nest deeper than ${MAX_VALUE_DEPTH} levels`, { field: this.path.format() });
    }
    if (this.rejectUnknown) this.rejectUnknownKeys(view, v);
    const w = this.w;
    if (view.isUnion) {
      this.union(view, v, depth);
      return;
    }
    w.writeStructBegin();
    for (const f of view.byIdOrder) {
      const fv = ownValue(v, f.key);
      if (fv === undefined || fv === null) {
        const d = f.def.default;
        if (d !== undefined) {
          w.writeFieldBegin(f.ttype, f.id);
          writeConst(this.schema, w, f.type, d);
          w.writeFieldEnd();
        } else if (f.required) {
          throw JsonMissingRequiredError(`required field ${JSON.stringify(f.key)} of ${view.def.qname} is missing`, { field: this.path.format(f.key) });
        }
        continue;
      }
      w.writeFieldBegin(f.ttype, f.id);
      this.path.push(f.key);
      this.value(f.type, fv, depth);
      this.path.pop();
      w.writeFieldEnd();
    }
    w.writeFieldStop();
    w.writeStructEnd();
  }

  union(view: StructView, v: JsonObject, depth: number): void {
    const set = view.fields.filter((f) => { const fv = ownValue(v, f.key); return fv !== undefined && fv !== null; });
    if (set.length !== 1) {
      const what = set.length === 0 ? 'none' : set.map((f) => f.key).join(', ');
      throw JsonUnionArityError(`union ${view.def.qname} takes exactly one of ${view.fields.map((f) => f.key).join(', ')}; got ${what}`, { field: this.path.format() });
    }
    const f = set[0]!;
    const w = this.w;
    w.writeStructBegin();
    w.writeFieldBegin(f.ttype, f.id);
    this.path.push(f.key);
    this.value(f.type, ownValue(v, f.key)!, depth);
    this.path.pop();
    w.writeFieldEnd();
    w.writeFieldStop();
    w.writeStructEnd();
  }

  rejectUnknownKeys(view: StructView, v: JsonObject): void {
    for (const k of objectKeys(v)) {
      if (!view.byKey.has(k)) {
        throw JsonUnknownFieldError(`${view.def.qname} has no field ${JSON.stringify(k)}`, { field: this.path.format(k) });
      }
    }
  }
}
