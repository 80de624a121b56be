/**
 * The type, enum and struct tables of a plan: every type reachable from the plan's roots, interned once, with
 * the per-field facts the native transcoder needs (JSON key, js_conv/none/header/http_code flags, defaults).
 */
import type { FieldDef, QualifiedName, Schema, StructDef, TypeRef } from '../idl/model';
import { BlobWriter } from './blob-writer';
import { constJson } from './default-json';
import { PlanCompileError } from './errors';
import { FieldFlag, PlanKind } from './plan-types';

interface TypeEntry { kind: number; a: number; b: number }
interface FieldEntry {
  id: number; requiredness: number; flags: number; type: number; name: string; jsonKey: string;
  headerName: string; defaultJson: string | undefined;
}
interface StructEntry { qname: string; kind: number; httpCode: number; fields: FieldEntry[] }
interface EnumEntry { qname: string; members: Array<[number, string]> }

/** A struct shape the table can hold that is not in the schema (`<fn>_args`, `<fn>_result`). */
export interface SyntheticStruct {
  readonly qname: string;
  readonly fields: ReadonlyArray<FieldDef>;
}

function flagTrue(f: FieldDef, name: string): boolean {
  return f.annotations.some((a) => a.name === name && (a.value === 'true' || a.value === ''));
}

/** Exception type `api.http_code="404"`: the status, or 0 when absent or not a status code. */
function typeHttpCode(def: StructDef): number {
  const v = def.annotations.find((a) => a.name === 'api.http_code')?.value;
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 0;
}

export class TypeTable {
  readonly types: TypeEntry[] = [];
  readonly enums: EnumEntry[] = [];
  readonly structs: StructEntry[] = [];
  readonly #typeIndex = new Map<string, number>();
  readonly #structIndex = new Map<string, number>();
  readonly #enumIndex = new Map<string, number>();

  constructor(readonly schema: Schema) {}

  /** Index of `t` in the type table, adding it (and everything it references) on first use. */
  type(t: TypeRef): number {
    const key = typeKey(t);
    const hit = this.#typeIndex.get(key);
    if (hit !== undefined) return hit;
    const index = this.types.length;
    const entry: TypeEntry = { kind: PlanKind[t.kind], a: 0, b: 0 };
    this.types.push(entry);
    this.#typeIndex.set(key, index);
    switch (t.kind) {
      case 'list': case 'set': entry.a = this.type(t.elem); break;
      case 'map': entry.a = this.type(t.key); entry.b = this.type(t.value); break;
      case 'enum': entry.a = this.enumIndex(t.name); break;
      case 'struct': entry.a = this.struct(t.name); break;
      default: break;
    }
    return index;
  }

  /** Index of schema struct/union/exception `qname` in the struct table. */
  struct(qname: QualifiedName): number {
    const hit = this.#structIndex.get(qname);
    if (hit !== undefined) return hit;
    const def = this.schema.definitions.get(qname);
    if (!def || (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception')) {
      throw PlanCompileError(`plan: no struct, union or exception named ${qname}`);
    }
    const kind = def.kind === 'union' ? 1 : def.kind === 'exception' ? 2 : 0;
    return this.#addStruct(qname, kind, def.kind === 'exception' ? typeHttpCode(def) : 0, def.fields);
  }

  /** Adds a synthetic struct (args/result) and returns its index. */
  synthetic(s: SyntheticStruct): number {
    return this.#addStruct(s.qname, 0, 0, s.fields);
  }

  #addStruct(qname: string, kind: number, httpCode: number, fields: ReadonlyArray<FieldDef>): number {
    const index = this.structs.length;
    const entry: StructEntry = { qname, kind, httpCode, fields: [] };
    this.structs.push(entry);
    this.#structIndex.set(qname, index);
    for (const f of fields) entry.fields.push(this.#field(f));
    return index;
  }

  #field(f: FieldDef): FieldEntry {
    let flags = 0;
    if (flagTrue(f, 'api.js_conv')) flags |= FieldFlag.jsConv;
    if (flagTrue(f, 'api.none')) flags |= FieldFlag.none;
    if (flagTrue(f, 'api.http_code')) flags |= FieldFlag.httpCode;
    const header = f.annotations.find((a) => a.name === 'api.header' && a.value !== '')?.value;
    if (header !== undefined) flags |= FieldFlag.header;
    const type = this.type(f.type);
    return {
      id: f.id,
      requiredness: f.requiredness === 'required' ? 1 : f.requiredness === 'optional' ? 2 : 0,
      flags,
      type,
      name: f.name,
      jsonKey: f.annotations.find((a) => a.name === 'api.body' && a.value !== '')?.value ?? f.name,
      headerName: header ?? '',
      defaultJson: f.default === undefined ? undefined : constJson(this.schema, f.type, f.default),
    };
  }

  enumIndex(qname: QualifiedName): number {
    const hit = this.#enumIndex.get(qname);
    if (hit !== undefined) return hit;
    const def = this.schema.definitions.get(qname);
    if (!def || def.kind !== 'enum') throw PlanCompileError(`plan: no enum named ${qname}`);
    const index = this.enums.length;
    this.enums.push({ qname, members: def.members.map((m) => [m.value, m.name]) });
    this.#enumIndex.set(qname, index);
    return index;
  }

  /** Field index of field id `id` in struct `structIndex` (declaration order). */
  fieldIndex(structIndex: number, id: number): number {
    return this.structs[structIndex]!.fields.findIndex((f) => f.id === id);
  }

  /** Writes the type, enum and struct sections. */
  write(w: BlobWriter): void {
    w.u32(this.types.length);
    for (const t of this.types) { w.u8(t.kind); w.u32(t.a); w.u32(t.b); }
    w.u32(this.enums.length);
    for (const e of this.enums) {
      w.str(e.qname);
      w.u32(e.members.length);
      for (const [v, n] of e.members) { w.u32(v); w.str(n); }
    }
    w.u32(this.structs.length);
    for (const s of this.structs) {
      w.str(s.qname);
      w.u8(s.kind);
      w.u16(s.httpCode);
      w.u32(s.fields.length);
      for (const f of s.fields) {
        w.u16(f.id); w.u8(f.requiredness); w.u8(f.flags); w.u32(f.type);
        w.str(f.name); w.str(f.jsonKey); w.str(f.headerName);
        w.u8(f.defaultJson === undefined ? 0 : 1);
        w.str(f.defaultJson ?? '');
      }
    }
  }
}

function typeKey(t: TypeRef): string {
  switch (t.kind) {
    case 'list': case 'set': return `${t.kind}<${typeKey(t.elem)}>`;
    case 'map': return `map<${typeKey(t.key)},${typeKey(t.value)}>`;
    case 'enum': case 'struct': return `${t.kind}:${t.name}`;
    default: return t.kind;
  }
}
