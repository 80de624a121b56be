/**
 * The plan compiler: schema model + a route's Thrift target → the compact binary plan the native transcoder
 * loads once per snapshot (native/include/sluice/transcode.h `loadPlan`; layout in docs/design/transcoder.md).
 */
import { allFunctions } from '../idl/queries';
import type { FieldDef, FunctionDef, Schema, TypeRef } from '../idl/model';
import type { BindingSource, ThriftTarget } from '../routes/types';
import { BlobWriter } from './blob-writer';
import { PlanCompileError } from './errors';
import { PLAN_MAGIC, PLAN_VERSION, SourceKind } from './plan-types';
import type { PlanOptions } from './plan-types';
import { TypeTable } from './type-table';
import { checkOverlayUsed, placementError, ruleOverlay, type Overlay, type PlanPseudo } from './pseudo-placement';

const NO_ROOT = 0xffffffff;

function header(w: BlobWriter, opts: PlanOptions): void {
  for (const c of PLAN_MAGIC) w.u8(c.charCodeAt(0));
  w.u8(PLAN_VERSION);
  w.u8(opts.protocol === 'compact' ? 1 : 0);
  w.u8(opts.transport === 'buffered' ? 1 : opts.transport === 'header' ? 2 : 0);
  w.u8((opts.i64 === 'string' ? 1 : 0) | (opts.enums === 'name' ? 2 : 0) | (opts.unknownFields === 'reject' ? 4 : 0));
}

/** A synthetic field (args/result members) with no annotations of its own. */
function syntheticField(id: number, name: string, type: TypeRef, requiredness: FieldDef['requiredness'], like?: FieldDef): FieldDef {
  return {
    id, name, type, requiredness, typedefs: [], default: like?.default, annotations: like?.annotations ?? [],
    doc: undefined, loc: like?.loc ?? { file: '', line: 0, column: 0 },
  };
}

/** Finds `fn` on `service` or any service it extends. */
export function findFunction(schema: Schema, service: string, fn: string): FunctionDef {
  const f = allFunctions(schema, service).find((x) => x.name === fn);
  if (!f) throw PlanCompileError(`plan: service ${service} has no function ${fn}`);
  return f;
}

/**
 * Compiles the plan for one Thrift route target: the CALL message (name, with the multiplexed prefix when
 * configured), the request bindings and the reply mapping.
 * @throws SluiceError SLUICE_E_PLAN_COMPILE when the function or a bound field does not exist.
 */
export function compilePlan(schema: Schema, target: ThriftTarget, opts: PlanOptions = {}): Uint8Array {
  const fn = findFunction(schema, target.service, target.function);
  const table = new TypeTable(schema, opts.pseudo);
  const base = `${target.service}:${fn.name}`;
  const rules = ruleOverlay(opts.pseudo, target.service, fn.name);
  const argsStruct = table.synthetic({ qname: `${base}_args`, fields: fn.args }, rules);
  let requestStruct = argsStruct;
  let requestArgId = 0;
  if (target.requestShape === 'struct') {
    const arg = fn.args.length === 1 ? fn.args[0]! : undefined;
    if (!arg || arg.type.kind !== 'struct') {
      throw PlanCompileError(`plan: ${target.service}.${fn.name} has no single struct argument for a struct-shaped route`);
    }
    // The struct the args field points at: a rule on this argument's fields may have cloned it.
    requestStruct = table.types[table.structs[argsStruct]!.fields[0]!.type]!.a;
    requestArgId = arg.id;
  }
  const resultFields: FieldDef[] = [];
  if (fn.returnType.kind !== 'void') resultFields.push(syntheticField(0, 'success', fn.returnType, 'optional'));
  for (const t of fn.throws) resultFields.push(syntheticField(t.id, t.name, t.type, 'optional'));
  const resultStruct = table.synthetic({ qname: `${base}_result`, fields: resultFields }, resultOverlay(rules, opts.pseudo, fn.returnType.kind === 'void'));
  checkOverlayUsed(rules);

  const bindings = target.bindings.map((b) => {
    const index = table.fieldIndex(requestStruct, b.fieldId);
    if (index < 0) throw PlanCompileError(`plan: ${table.structs[requestStruct]!.qname} has no field ${b.fieldId} (${b.fieldName})`);
    return { index, sources: b.sources };
  });

  const w = new BlobWriter();
  header(w, opts);
  table.write(w);
  w.u32(NO_ROOT);
  w.u8(1);
  w.str(target.multiplexedName ? `${target.multiplexedName}:${fn.name}` : fn.name);
  w.u8(fn.oneway ? 1 : 0);
  w.u8(target.requestShape === 'args' ? 1 : 0);
  w.u32(argsStruct);
  w.u32(requestStruct);
  w.u16(requestArgId);
  w.u32(resultStruct);
  w.u8(fn.returnType.kind === 'void' ? 1 : 0);
  w.u32(bindings.length);
  for (const b of bindings) {
    w.u32(b.index);
    w.u8(b.sources.length);
    for (const s of b.sources) writeSource(w, s);
  }
  return w.finish();
}

/**
 * The result struct's rule overlay: `return…` rules become the `success` field's. Response positions are only
 * reversed (for authorized callers), so a `return` rule with a one-way policy is a load error.
 */
function resultOverlay(rules: Overlay | undefined, pseudo: PlanPseudo | undefined, returnsVoid: boolean): Overlay | undefined {
  const ret = rules?.children.get('return');
  if (!ret || !pseudo) return undefined;
  if (returnsVoid) placementError(firstOrigin(ret), 'the function returns nothing, so a return rule names no value');
  const check = (o: Overlay) => {
    if (o.policy !== undefined && pseudo.policies.get(o.policy)?.reversible === false) {
      placementError(o.origin, `policy '${o.policy}' is one-way; a response position can only hold a reversible policy (siv, ff1), which is reversed for authorized callers`);
    }
    for (const c of o.children.values()) check(c);
  };
  check(ret);
  ret.used = true;
  return { policy: undefined, origin: undefined, children: new Map([['success', ret]]), used: true, signature: `{"success":${ret.signature}}` };
}

function firstOrigin(o: Overlay): Overlay['origin'] {
  if (o.origin) return o.origin;
  for (const c of o.children.values()) {
    const f = firstOrigin(c);
    if (f) return f;
  }
  return undefined;
}

function writeSource(w: BlobWriter, s: BindingSource): void {
  w.u8(SourceKind[s.from]);
  w.str('name' in s ? s.name : '');
}

/**
 * Compiles a value-level plan for one type (no function): what `jsonToThrift`/`thriftToJson` of the native
 * binding, `sluice encode/decode` and the differential tests run. `type` is a TypeRef or a `NS.Type` name.
 */
export function compileTypePlan(schema: Schema, type: TypeRef | string, opts: PlanOptions = {}): Uint8Array {
  const table = new TypeTable(schema, opts.pseudo);
  const ref: TypeRef = typeof type === 'string' ? typeRefOf(schema, type) : type;
  const root = table.type(ref);
  const w = new BlobWriter();
  header(w, opts);
  table.write(w);
  w.u32(root);
  w.u8(0);
  return w.finish();
}

function typeRefOf(schema: Schema, qname: string): TypeRef {
  const def = schema.definitions.get(qname);
  if (!def) throw PlanCompileError(`plan: no type named ${qname}`);
  if (def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception') return { kind: 'struct', name: qname };
  if (def.kind === 'enum') return { kind: 'enum', name: qname };
  if (def.kind === 'typedef') return def.type;
  throw PlanCompileError(`plan: ${qname} is a ${def.kind}, not a type`);
}
