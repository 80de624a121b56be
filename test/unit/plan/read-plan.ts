/** Reads a plan blob per docs/design/transcoder.md, independent of src/plan (tests only). */
import { strict as assert } from 'node:assert';

export interface Field { id: number; req: number; flags: number; type: number; name: string; jsonKey: string; header: string; def: string | undefined }
export interface Struct { qname: string; kind: number; httpCode: number; fields: Field[] }
export interface Plan {
  magic: string; version: number; protocol: number; transport: number; flags: number;
  policies: string[];
  types: Array<{ kind: number; a: number; b: number; policy: number }>; enums: Array<{ qname: string; members: Array<[number, string]> }>;
  structs: Struct[]; root: number;
  fn?: { name: string; oneway: number; shape: number; args: number; request: number; argId: number; result: number; void: number;
    bindings: Array<{ field: number; sources: Array<[number, string]> }> };
}

/** Reads a plan blob per docs/design/transcoder.md. */
export function readPlan(b: Uint8Array): Plan {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  const u8 = () => v.getUint8(p++);
  const u16 = () => { const x = v.getUint16(p, true); p += 2; return x; };
  const i16 = () => { const x = v.getInt16(p, true); p += 2; return x; };
  const u32 = () => { const x = v.getUint32(p, true); p += 4; return x; };
  const i32 = () => { const x = v.getInt32(p, true); p += 4; return x; };
  const str = () => { const n = u32(); const s = Buffer.from(b.subarray(p, p + n)).toString('utf8'); p += n; return s; };
  const plan: Plan = {
    magic: String.fromCharCode(u8(), u8(), u8(), u8()), version: u8(), protocol: u8(), transport: u8(), flags: u8(),
    policies: [], types: [], enums: [], structs: [], root: 0,
  };
  for (let n = u32(); n > 0; n--) plan.policies.push(str());
  for (let n = u32(); n > 0; n--) plan.types.push({ kind: u8(), a: u32(), b: u32(), policy: u32() });
  for (let n = u32(); n > 0; n--) {
    const qname = str();
    const members: Array<[number, string]> = [];
    for (let m = u32(); m > 0; m--) members.push([i32(), str()]);
    plan.enums.push({ qname, members });
  }
  for (let n = u32(); n > 0; n--) {
    const s: Struct = { qname: str(), kind: u8(), httpCode: u16(), fields: [] };
    for (let f = u32(); f > 0; f--) {
      const field = { id: i16(), req: u8(), flags: u8(), type: u32(), name: str(), jsonKey: str(), header: str(), def: undefined as string | undefined };
      const has = u8();
      const d = str();
      field.def = has ? d : undefined;
      s.fields.push(field);
    }
    plan.structs.push(s);
  }
  plan.root = u32();
  if (u8() === 1) {
    const fn = { name: str(), oneway: u8(), shape: u8(), args: u32(), request: u32(), argId: i16(), result: u32(), void: u8(), bindings: [] as Array<{ field: number; sources: Array<[number, string]> }> };
    for (let n = u32(); n > 0; n--) {
      const field = u32();
      const sources: Array<[number, string]> = [];
      for (let s = u8(); s > 0; s--) sources.push([u8(), str()]);
      fn.bindings.push({ field, sources });
    }
    plan.fn = fn;
  }
  assert.equal(p, b.length, 'no trailing bytes');
  return plan;
}

