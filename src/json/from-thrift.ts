/**
 * Thrift → JSON under the §5 rules, driven by the schema model: reads one value from a ProtocolReader
 * and returns compact JSON text. Fields come out in declaration order; unset optionals are omitted;
 * absent fields with an IDL default come out as that default; unknown and wrong-typed fields are skipped.
 */
import type { FieldDef, Schema, TypeRef } from '../idl/model';
import { BinaryReader, BinaryWriter } from '../thrift/protocol/binary';
import { TType } from '../thrift/protocol/protocol';
import type { ProtocolReader } from '../thrift/protocol/protocol';
import { encodeBase64 } from './base64';
import { writeConst } from './defaults';
import { JsonDecodeMissingRequiredError, JsonDecodeTypeMismatchError, JsonDecodeUnionArityError } from './errors';
import { jsonDouble, jsonDoubleKey, jsonString } from './format';
import type { JsonOptions } from './options';
import { JsonPath } from './path';
import { assertJsonMapKey, enumView, structView, ttypeOf } from './schema-view';
import type { FieldView, StructView } from './schema-view';
import { formatUuid } from './uuid';

/** Reads one value of `type` from `reader` and returns it as JSON text. Throws SluiceErrors on bad input. */
export function thriftToJson(schema: Schema, type: TypeRef, reader: ProtocolReader, opts: JsonOptions = {}): string {
  return new Decoder(schema, reader, opts).value(type, false);
}

const TYPE_NAMES: Record<number, string> = {
  [TType.BOOL]: 'bool', [TType.BYTE]: 'i8', [TType.DOUBLE]: 'double', [TType.I16]: 'i16', [TType.I32]: 'i32',
  [TType.I64]: 'i64', [TType.STRING]: 'string', [TType.STRUCT]: 'struct', [TType.MAP]: 'map', [TType.SET]: 'set',
  [TType.LIST]: 'list', [TType.UUID]: 'uuid',
};

/** JSON of each field default, per option combination (defaults are immutable, so this never goes stale). */
const defaultJsonCache = new WeakMap<FieldDef, Map<string, string>>();

class Decoder {
  readonly path = new JsonPath();
  readonly i64AsString: boolean;
  readonly enumNames: boolean;

  constructor(readonly schema: Schema, readonly r: ProtocolReader, readonly opts: JsonOptions) {
    this.i64AsString = opts.i64 === 'string';
    this.enumNames = opts.enums === 'name';
  }

  mismatch(expected: TType, got: TType): Error {
    return JsonDecodeTypeMismatchError(
      `expected ${TYPE_NAMES[expected] ?? expected} elements on the wire, got ${TYPE_NAMES[got] ?? got}`,
      { field: this.path.format() },
    );
  }

  value(t: TypeRef, jsConv: boolean): string {
    const r = this.r;
    switch (t.kind) {
      case 'bool': return r.readBool() ? 'true' : 'false';
      case 'i8': return String(r.readByte());
      case 'i16': return String(r.readI16());
      case 'i32': return String(r.readI32());
      case 'i64': {
        const s = r.readI64().toString();
        return jsConv || this.i64AsString ? `"${s}"` : s;
      }
      case 'double': return jsonDouble(r.readDouble());
      case 'string': return jsonString(r.readString());
      case 'binary': return `"${encodeBase64(r.readBinary())}"`;
      case 'uuid': return `"${formatUuid(r.readUuid())}"`;
      case 'enum': {
        const n = r.readI32();
        if (this.enumNames) {
          const name = enumView(this.schema, t.name).byValue.get(n);
          if (name !== undefined) return jsonString(name);
        }
        return String(n);
      }
      case 'list': case 'set': {
        const n = t.kind === 'list' ? r.readListBegin() : r.readSetBegin();
        const et = ttypeOf(t.elem);
        if (n > 0 && r.elemType !== et) throw this.mismatch(et, r.elemType);
        let out = '[';
        for (let i = 0; i < n; i++) {
          this.path.push(i);
          out += i === 0 ? this.value(t.elem, jsConv) : ',' + this.value(t.elem, jsConv);
          this.path.pop();
        }
        if (t.kind === 'list') r.readListEnd(); else r.readSetEnd();
        return out + ']';
      }
      case 'map': {
        assertJsonMapKey(t.key, this.path.format());
        const n = r.readMapBegin();
        const kt = ttypeOf(t.key), vt = ttypeOf(t.value);
        if (n > 0 && r.keyType !== kt) throw this.mismatch(kt, r.keyType);
        if (n > 0 && r.valueType !== vt) throw this.mismatch(vt, r.valueType);
        let out = '{';
        for (let i = 0; i < n; i++) {
          const key = this.key(t.key);
          this.path.push(JSON.parse(key) as string);
          out += (i === 0 ? '' : ',') + key + ':' + this.value(t.value, jsConv);
          this.path.pop();
        }
        r.readMapEnd();
        return out + '}';
      }
      case 'struct':
        return this.struct(structView(this.schema, t.name));
    }
  }

  /** A map key as a JSON string literal. */
  key(t: TypeRef): string {
    const r = this.r;
    switch (t.kind) {
      case 'bool': return r.readBool() ? '"true"' : '"false"';
      case 'double': return jsonString(jsonDoubleKey(r.readDouble()));
      case 'string': case 'binary': case 'uuid': return this.value(t, false);
      case 'enum': {
        const v = this.value(t, false);
        return v.startsWith('"') ? v : `"${v}"`;
      }
      default: return `"${this.value(t, true).replace(/"/g, '')}"`;
    }
  }

  struct(view: StructView): string {
    const r = this.r;
    const fields = view.fields;
    const vals: Array<string | undefined> = new Array(fields.length);
    r.readStructBegin();
    for (;;) {
      const wire = r.readFieldBegin();
      if (wire === TType.STOP) break;
      const idx = view.indexById.get(r.fieldId);
      if (idx === undefined || fields[idx]!.ttype !== wire) {
        r.skip(wire);
        r.readFieldEnd();
        continue;
      }
      const f = fields[idx]!;
      this.path.push(f.key);
      vals[idx] = this.value(f.type, f.jsConv);
      this.path.pop();
      r.readFieldEnd();
    }
    r.readStructEnd();
    if (view.isUnion) {
      const set = fields.filter((_, i) => vals[i] !== undefined);
      if (set.length !== 1) {
        const what = set.length === 0 ? 'none' : set.map((f) => f.key).join(', ');
        throw JsonDecodeUnionArityError(`union ${view.def.qname} must have exactly one member set on the wire; got ${what}`, { field: this.path.format() });
      }
      return `{${set[0]!.keyJson}:${vals[fields.indexOf(set[0]!)]!}}`;
    }
    let out = '{';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      let v = vals[i];
      if (v === undefined) {
        if (f.def.default !== undefined) v = this.defaultJson(f);
        else if (f.required) {
          throw JsonDecodeMissingRequiredError(`required field ${JSON.stringify(f.key)} of ${view.def.qname} is missing on the wire`, { field: this.path.format(f.key) });
        } else continue;
      }
      out += (out.length === 1 ? '' : ',') + f.keyJson + ':' + v;
    }
    return out + '}';
  }

  /** The JSON of a field's IDL default, produced by the same rules as wire values (write it, read it back). */
  defaultJson(f: FieldView): string {
    const cacheKey = `${this.i64AsString}|${this.enumNames}`;
    let perOpts = defaultJsonCache.get(f.def);
    const hit = perOpts?.get(cacheKey);
    if (hit !== undefined) return hit;
    const w = new BinaryWriter();
    writeConst(this.schema, w, f.type, f.def.default!);
    const json = new Decoder(this.schema, new BinaryReader(w.finish()), this.opts).value(f.type, f.jsConv);
    if (!perOpts) defaultJsonCache.set(f.def, (perOpts = new Map()));
    perOpts.set(cacheKey, json);
    return json;
  }
}
