/**
 * The type, enum and struct tables of a plan: every type reachable from the plan's roots, interned once, with
 * the per-field facts the native transcoder needs (JSON key, js_conv/none/header/http_code flags, defaults).
 */
import type { FieldDef, QualifiedName, Schema, StructDef, TypeRef } from '../idl/model';
import { BlobWriter } from './blob-writer';
import { constJson } from './default-json';
import { PlanCompileError } from './errors';
import { FieldFlag, PlanKind } from './plan-types';
import {
  annotationPolicy, leafClass, methodFits, placementError, type Overlay, type PlacementOrigin, type PlanPseudo,
} from './pseudo-placement';

/** policy: 0 = none, else 1 + index into TypeTable.policyNames. */
interface TypeEntry { kind: number; a: number; b: number; policy: number }

/** A policy being placed: its plan index and where it came from. */
interface Placed { index: number; name: string; origin: PlacementOrigin | undefined }
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
  /** The plan's policy-name table (TypeEntry.policy - 1 indexes it); resolved to policies at publish time. */
  readonly policyNames: string[] = [];
  readonly enums: EnumEntry[] = [];
  readonly structs: StructEntry[] = [];
  readonly #typeIndex = new Map<string, number>();
  readonly #structIndex = new Map<string, number>();
  readonly #enumIndex = new Map<string, number>();
  readonly #policyIndex = new Map<string, number>();

  /** `pseudo`: the policies and rules to place; undefined = no §7 section (annotations ignored). */
  constructor(readonly schema: Schema, readonly pseudo?: PlanPseudo) {}

  /**
   * Index of `t` in the type table, adding it (and everything it references) on first use. `inherited` is a
   * policy placed on an enclosing container field; `overlay` the config-rule subtree of this position. Types that
   * differ in policy or overlay are distinct entries (so one struct can be cloned for one path only).
   */
  type(t: TypeRef, inherited?: Placed, overlay?: Overlay): number {
    let eff = inherited;
    if (overlay) {
      overlay.used = true;
      if (overlay.policy !== undefined) eff = this.#placed(overlay.policy, overlay.origin);
    }
    const key = typeKey(t) + (eff ? `#${eff.index}` : '') + (overlay ? `@${overlay.signature}` : '');
    const hit = this.#typeIndex.get(key);
    if (hit !== undefined) {
      markUsed(overlay);
      return hit;
    }
    const index = this.types.length;
    const entry: TypeEntry = { kind: PlanKind[t.kind], a: 0, b: 0, policy: 0 };
    this.types.push(entry);
    this.#typeIndex.set(key, index);
    switch (t.kind) {
      case 'list': case 'set': entry.a = this.type(t.elem, eff, overlay?.children.get('[*]')); break;
      case 'map':
        entry.a = this.type(t.key, undefined, overlay?.children.get('{key}'));
        entry.b = this.type(t.value, eff, overlay?.children.get('{value}'));
        break;
      case 'enum': entry.a = this.enumIndex(t.name); break;
      case 'struct': entry.a = this.struct(t.name, overlay); break;
      default: break;
    }
    if (eff) entry.policy = this.#leafPolicy(t, eff);
    return index;
  }

  /** Index of schema struct/union/exception `qname` (with the rule overlay of its position) in the struct table. */
  struct(qname: QualifiedName, overlay?: Overlay): number {
    const key = qname + (overlay ? `@${overlay.signature}` : '');
    const hit = this.#structIndex.get(key);
    if (hit !== undefined) {
      markUsed(overlay);
      return hit;
    }
    const def = this.schema.definitions.get(qname);
    if (!def || (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception')) {
      throw PlanCompileError(`plan: no struct, union or exception named ${qname}`);
    }
    const kind = def.kind === 'union' ? 1 : def.kind === 'exception' ? 2 : 0;
    return this.#addStruct(key, qname, kind, def.kind === 'exception' ? typeHttpCode(def) : 0, def.fields, overlay);
  }

  /** Adds a synthetic struct (args/result) and returns its index; `overlay` children are its field names. */
  synthetic(s: SyntheticStruct, overlay?: Overlay): number {
    return this.#addStruct(s.qname, s.qname, 0, 0, s.fields, overlay);
  }

  #addStruct(key: string, qname: string, kind: number, httpCode: number, fields: ReadonlyArray<FieldDef>, overlay: Overlay | undefined): number {
    const index = this.structs.length;
    const entry: StructEntry = { qname, kind, httpCode, fields: [] };
    this.structs.push(entry);
    this.#structIndex.set(key, index);
    for (const f of fields) entry.fields.push(this.#field(f, overlay?.children.get(f.name)));
    return index;
  }

  /** The plan index of policy `name` (adding it to the name table), checked against the defined policies. */
  #placed(name: string, origin: PlacementOrigin | undefined): Placed {
    if (!this.pseudo?.policies.has(name)) placementError(origin, `policy '${name}' is not defined in pseudonymization.policies`);
    let index = this.#policyIndex.get(name);
    if (index === undefined) {
      index = this.policyNames.length;
      this.policyNames.push(name);
      this.#policyIndex.set(name, index);
    }
    return { index, name, origin };
  }

  /** The TypeEntry.policy slot for `eff` on `t`; containers pass it on, everything else must be a fitting leaf. */
  #leafPolicy(t: TypeRef, eff: Placed): number {
    if (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') return 0;
    const leaf = leafClass(t);
    if (t.kind === 'struct') {
      placementError(eff.origin, `policy '${eff.name}' reaches struct ${t.name}: policies apply to string, i32 and i64 values (annotate the struct's fields instead)`);
    }
    if (!leaf) placementError(eff.origin, `policy '${eff.name}' cannot transform a ${t.kind} value: policies apply to string, i32 and i64 values`);
    const info = this.pseudo!.policies.get(eff.name)!;
    if (!methodFits(info, leaf)) {
      placementError(eff.origin, `policy '${eff.name}' (${info.method}) cannot keep an ${leaf} an ${leaf}: integer fields take ff1 or hmac`);
    }
    return eff.index + 1;
  }

  #field(f: FieldDef, overlay: Overlay | undefined): FieldEntry {
    let flags = 0;
    if (flagTrue(f, 'api.js_conv')) flags |= FieldFlag.jsConv;
    if (flagTrue(f, 'api.none')) flags |= FieldFlag.none;
    if (flagTrue(f, 'api.http_code')) flags |= FieldFlag.httpCode;
    const header = f.annotations.find((a) => a.name === 'api.header' && a.value !== '')?.value;
    if (header !== undefined) flags |= FieldFlag.header;
    // With no §7 section, annotations are ignored (src/routes/pseudo-check.ts warns once).
    const ann = this.pseudo ? annotationPolicy(f) : undefined;
    const type = this.type(f.type, ann ? this.#placed(ann.name, ann.origin) : undefined, overlay);
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

  /** Writes the policy-name, type, enum and struct sections. */
  write(w: BlobWriter): void {
    w.u32(this.policyNames.length);
    for (const n of this.policyNames) w.str(n);
    w.u32(this.types.length);
    for (const t of this.types) { w.u8(t.kind); w.u32(t.a); w.u32(t.b); w.u32(t.policy); }
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

/** Marks a whole rule subtree as reached (an interned twin with the same signature reached the same fields). */
function markUsed(o: Overlay | undefined): void {
  if (!o) return;
  o.used = true;
  for (const c of o.children.values()) markUsed(c);
}

function typeKey(t: TypeRef): string {
  switch (t.kind) {
    case 'list': case 'set': return `${t.kind}<${typeKey(t.elem)}>`;
    case 'map': return `map<${typeKey(t.key)},${typeKey(t.value)}>`;
    case 'enum': case 'struct': return `${t.kind}:${t.name}`;
    default: return t.kind;
  }
}
