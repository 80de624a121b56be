/**
 * Service generator: a client class over the RPC runtime's `RpcCaller`, a handler interface, and a
 * `ServiceDefinition` the runtime's server dispatches to a handler. `extends` becomes class and interface
 * inheritance; the definition lists inherited methods too (flattened). Each function's `_args` and
 * `_result` structs get module-private codecs named `$Service$fn$args` / `$Service$fn$result` (`$` cannot
 * occur in Thrift names, so they never clash).
 *
 * IDL:
 * ```thrift
 * service People extends base.Base {
 *   Person get(1: i64 id) throws (1: NotFound nf)
 *   oneway void touch(1: i64 id)
 * }
 * ```
 * TypeScript:
 * ```ts
 * export class PeopleClient extends base.BaseClient {
 *   get(id: bigint, options?: $rt.CallOptions): globalThis.Promise<Person> {
 *     return this.$caller.call('get', false, ($w) => $People$get$args.encode({ id }, $w), $People$get$read, options);
 *   }
 *   touch(id: bigint, options?: $rt.CallOptions): globalThis.Promise<void> { … oneway: resolves once sent … }
 * }
 * export interface PeopleHandler extends base.BaseHandler {
 *   get(id: bigint | undefined): Person | globalThis.Promise<Person>;
 *   touch(id: bigint | undefined): void | globalThis.Promise<void>;
 * }
 * export const PeopleDefinition: $rt.ServiceDefinition = {
 *   name: 'people.People',
 *   methods: new globalThis.Map<string, $rt.MethodDefinition>([...base.BaseDefinition.methods, ['get', { … }], …]),
 * };
 * ```
 */
import type { FieldDef, FunctionDef, ServiceDef, StructDef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import { writeDoc } from '../framework/doc-comment';
import { RESERVED_METHODS, RESERVED_PARAMETERS, propertyAccess, propertyKey } from '../framework/names';
import { SymbolTable } from '../framework/symbol-table';
import type { ModuleContext } from './context';
import { fieldKey } from './fields';
import { writeStructCodec } from './struct-codec';
import { alwaysPresent, writeStructType } from './struct-type';
import { fieldTsType, idlField, idlType, tsType } from './type-expr';

interface FunctionNames {
  readonly method: string;
  readonly args: string;
  readonly result: string;
  readonly read: string;
}

function functionNames(svc: ServiceDef, fn: FunctionDef, ctx: ModuleContext): FunctionNames {
  const base = `$${ctx.names(svc.qname).name}$${fn.name}`;
  return {
    method: RESERVED_METHODS.has(fn.name) ? `${fn.name}_` : fn.name,
    args: `${base}$args`,
    result: `${base}$result`,
    read: `${base}$read`,
  };
}

function argsStruct(svc: ServiceDef, fn: FunctionDef): StructDef {
  return { ...structBase(svc, fn), name: `${fn.name}_args`, qname: `${svc.qname}.${fn.name}_args`, fields: fn.args };
}

function resultStruct(svc: ServiceDef, fn: FunctionDef): StructDef {
  const fields: FieldDef[] = fn.throws.map((t) => ({ ...t, requiredness: 'optional' as const, default: undefined }));
  if (fn.returnType.kind !== 'void') {
    fields.unshift({
      id: 0, name: 'success', type: fn.returnType, typedefs: [], requiredness: 'optional', default: undefined,
      annotations: [], doc: undefined, loc: fn.loc,
    });
  }
  return { ...structBase(svc, fn), name: `${fn.name}_result`, qname: `${svc.qname}.${fn.name}_result`, fields };
}

function structBase(svc: ServiceDef, fn: FunctionDef): Omit<StructDef, 'name' | 'qname' | 'fields'> {
  return { kind: 'struct', file: svc.file, annotations: [], doc: undefined, loc: fn.loc };
}

function returnTs(ctx: ModuleContext, fn: FunctionDef): string {
  return fn.returnType.kind === 'void' ? 'void' : tsType(ctx, fn.returnType);
}

/** Writes everything generated for one service. */
export function writeService(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef): void {
  for (const fn of svc.functions) writeFunctionStructs(out, ctx, svc, fn);
  writeClient(out, ctx, svc);
  out.blank();
  writeHandler(out, ctx, svc);
  out.blank();
  writeDefinition(out, ctx, svc);
}

function writeFunctionStructs(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef, fn: FunctionDef): void {
  const names = functionNames(svc, fn, ctx);
  const args = argsStruct(svc, fn);
  writeStructType(out, ctx, args, names.args, false);
  writeStructCodec(out, ctx, args, names.args, names.args, false);
  out.blank();
  if (fn.oneway) return;
  const result = resultStruct(svc, fn);
  writeStructType(out, ctx, result, names.result, false);
  writeStructCodec(out, ctx, result, names.result, names.result, false);
  out.blank();
  writeResultReader(out, ctx, fn, names);
  out.blank();
}

/** The client's reply reader: the success value, or the declared exception thrown as its Error class. */
function writeResultReader(out: CodeWriter, ctx: ModuleContext, fn: FunctionDef, names: FunctionNames): void {
  const needsValue = fn.returnType.kind !== 'void' || fn.throws.length > 0;
  out.block(`function ${names.read}($r: ${ctx.rt}.ProtocolReader): ${returnTs(ctx, fn)} {`, () => {
    out.line(needsValue ? `const $x = ${names.result}.decode($r);` : `${names.result}.decode($r);`);
    if (fn.returnType.kind !== 'void') out.line('if ($x.success !== undefined) return $x.success;');
    for (const t of fn.throws) {
      if (t.type.kind !== 'struct') continue;
      const access = propertyAccess('$x', fieldKey(t));
      out.line(`if (${access} !== undefined) throw new ${ctx.ref(t.type.name, 'error')}(${access});`);
    }
    if (fn.returnType.kind !== 'void') out.line(`throw ${ctx.rt}.missingResult(${JSON.stringify(fn.name)});`);
  });
}

/** Claims parameter names for a function's arguments (and `options` after them). */
function parameters(fn: FunctionDef): { readonly args: Array<{ readonly field: FieldDef; readonly name: string }>; readonly options: string } {
  const table = new SymbolTable(RESERVED_PARAMETERS);
  const args = fn.args.map((field) => ({ field, name: table.claim(field.name) }));
  return { args, options: table.claim('options') };
}

function writeClient(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef): void {
  const names = ctx.names(svc.qname);
  const rt = ctx.rt;
  const parent = svc.extends !== undefined ? ctx.ref(svc.extends, 'client') : undefined;
  writeDoc(out, svc.doc, `Client of ${svc.qname}: one method per function, calling through an \`RpcCaller\`.`,
    `@generated from thrift service ${svc.qname}`);
  out.block(`export class ${names.client}${parent ? ` extends ${parent}` : ''} {`, () => {
    if (!parent) {
      writeDoc(out, 'The connection (or anything implementing RpcCaller) calls go through.');
      out.line(`protected readonly $caller: ${rt}.RpcCaller;`);
      out.line('');
      writeDoc(out, '@param caller - e.g. the client returned by `createClient()` from sluice/runtime.');
      out.block(`constructor(caller: ${rt}.RpcCaller) {`, () => out.line('this.$caller = caller;'));
    }
    svc.functions.forEach((fn, i) => {
      if (!parent || i > 0) out.blank();
      writeClientMethod(out, ctx, svc, fn);
    });
  });
}

function writeClientMethod(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef, fn: FunctionDef): void {
  const names = functionNames(svc, fn, ctx);
  const params = parameters(fn);
  // An argument may be left out only when it and every argument after it is optional.
  let optionalFrom = params.args.length;
  while (optionalFrom > 0 && params.args[optionalFrom - 1]!.field.requiredness === 'optional') optionalFrom--;
  const list = params.args.map((p, i) => `${p.name}${i >= optionalFrom ? '?' : ''}: ${fieldTsType(ctx, p.field)}`);
  list.push(`${params.options}?: ${ctx.rt}.CallOptions`);
  const init = params.args.map((p) => (propertyKey(fieldKey(p.field)) === p.name ? p.name : `${propertyKey(fieldKey(p.field))}: ${p.name}`));
  const argsValue = init.length === 0 ? '{}' : `{ ${init.join(', ')} }`;
  writeDoc(out, fn.doc, fn.oneway ? 'Oneway: resolves once the call is handed to the transport; no reply is awaited.' : undefined,
    `@generated from thrift function ${functionSignature(ctx, fn)}`);
  const ret = fn.oneway ? 'void' : returnTs(ctx, fn);
  out.block(`${names.method}(${list.join(', ')}): globalThis.Promise<${ret}> {`, () => {
    const reader = fn.oneway ? '() => undefined' : names.read;
    out.line(`return this.$caller.call(${JSON.stringify(fn.name)}, ${fn.oneway}, ($w) => ${names.args}.encode(${argsValue}, $w), ${reader}, ${params.options});`);
  });
}

function functionSignature(ctx: ModuleContext, fn: FunctionDef): string {
  const ret = fn.returnType.kind === 'void' ? 'void' : idlType(ctx, fn.returnType);
  const args = fn.args.map((a) => idlField(ctx, a)).join(', ');
  const throws = fn.throws.length > 0 ? ` throws (${fn.throws.map((t) => idlField(ctx, t)).join(', ')})` : '';
  return `${fn.oneway ? 'oneway ' : ''}${ret} ${fn.name}(${args})${throws}`;
}

function handlerParams(ctx: ModuleContext, fn: FunctionDef): string {
  return parameters(fn).args
    .map((p) => `${p.name}: ${fieldTsType(ctx, p.field)}${alwaysPresent({ kind: 'struct' }, p.field) ? '' : ' | undefined'}`)
    .join(', ');
}

function writeHandler(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef): void {
  const names = ctx.names(svc.qname);
  const parent = svc.extends !== undefined ? ctx.ref(svc.extends, 'handler') : undefined;
  writeDoc(out, svc.doc, `What a server for ${svc.qname} implements. Throw a generated \`…Error\` class to answer with a declared exception.`);
  out.block(`export interface ${names.handler}${parent ? ` extends ${parent}` : ''} {`, () => {
    for (const fn of svc.functions) {
      const ret = returnTs(ctx, fn);
      writeDoc(out, fn.doc, `@generated from thrift function ${functionSignature(ctx, fn)}`);
      out.line(`${functionNames(svc, fn, ctx).method}(${handlerParams(ctx, fn)}): ${ret} | globalThis.Promise<${ret}>;`);
    }
  });
}

function writeDefinition(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef): void {
  const names = ctx.names(svc.qname);
  const rt = ctx.rt;
  writeDoc(out, `${svc.qname} for the RPC runtime's server (inherited functions included).`);
  out.block(`export const ${names.definition}: ${rt}.ServiceDefinition = {`, () => {
    out.line(`name: ${JSON.stringify(svc.qname)},`);
    out.block(`methods: new globalThis.Map<string, ${rt}.MethodDefinition>([`, () => {
      if (svc.extends !== undefined) out.line(`...${ctx.ref(svc.extends, 'definition')}.methods,`);
      for (const fn of svc.functions) writeMethodDefinition(out, ctx, svc, fn);
    }, ']),');
  }, '};');
}

function writeMethodDefinition(out: CodeWriter, ctx: ModuleContext, svc: ServiceDef, fn: FunctionDef): void {
  const names = functionNames(svc, fn, ctx);
  const handler = ctx.names(svc.qname).handler!;
  out.block(`[${JSON.stringify(fn.name)}, {`, () => {
    out.line(`name: ${JSON.stringify(fn.name)},`);
    out.line(`oneway: ${fn.oneway},`);
    out.line(`readArgs: ($r) => ${names.args}.decode($r),`);
    out.block('invoke: (handler, args) => {', () => {
      const values = fn.args.map((a) => {
        const access = propertyAccess('a', fieldKey(a));
        return alwaysPresent({ kind: 'struct' }, a) && a.requiredness !== 'required' ? `${access}!` : access;
      });
      if (fn.args.length > 0) out.line(`const a = args as ${names.args};`);
      out.line(`return (handler as ${handler}).${names.method}(${values.join(', ')});`);
    }, '},');
    if (fn.oneway) {
      out.line('writeResult: () => false,');
      return;
    }
    out.block('writeResult: ($w, outcome) => {', () => {
      out.block('if (outcome.ok) {', () => {
        const value = fn.returnType.kind === 'void' ? '{}' : `{ success: outcome.value as ${returnTs(ctx, fn)} }`;
        out.line(`${names.result}.encode(${value}, $w);`);
        out.line('return true;');
      });
      for (const t of fn.throws) {
        if (t.type.kind !== 'struct') continue;
        out.block(`if (outcome.error instanceof ${ctx.ref(t.type.name, 'error')}) {`, () => {
          out.line(`${names.result}.encode({ ${propertyKey(fieldKey(t))}: outcome.error.value }, $w);`);
          out.line('return true;');
        });
      }
      out.line('return false;');
    }, '},');
  }, '}],');
}
