/**
 * The interop IDL's services as ServiceDefinitions, clients and a handler, built from schema-codec.ts the
 * way `sluice codegen` output is shaped (`<Service>Definition`, `<Service>Client(caller)`, `<Service>Handler`).
 */
import { TApplicationException, TApplicationExceptionType } from '../../../../src/thrift/rpc/application-exception';
import type { HandlerOutcome, MethodDefinition, RpcCaller, ServiceDefinition } from '../../../../src/thrift/rpc/types';
import { TType, type ProtocolReader, type ProtocolWriter } from '../../../../src/thrift/protocol/protocol';
import {
  readStruct, readValue, ttype, writeStruct, writeValue, type FieldSchema, type StructSchema, type StructValue, type TypeSchema,
} from './schema-codec';

export class Xception extends Error {
  errorCode: number | undefined;
  constructor(f: Record<string, unknown>) {
    super(f.message as string | undefined);
    this.name = 'Xception';
    this.errorCode = f.errorCode as number | undefined;
  }
}

export class Xception2 extends Error {
  errorCode: number | undefined;
  struct_thing: StructValue | undefined;
  constructor(f: Record<string, unknown>) {
    super('Xception2');
    this.name = 'Xception2';
    this.errorCode = f.errorCode as number | undefined;
    this.struct_thing = f.struct_thing as StructValue | undefined;
  }
}

export const Xtruct: StructSchema = { name: 'Xtruct', fields: [
  { id: 1, name: 'string_thing', type: 'string' }, { id: 4, name: 'byte_thing', type: 'i8' },
  { id: 9, name: 'i32_thing', type: 'i32' }, { id: 11, name: 'i64_thing', type: 'i64' },
] };
export const Choice: StructSchema = { name: 'Choice', fields: [
  { id: 1, name: 'text', type: 'string' }, { id: 2, name: 'number', type: 'i64' }, { id: 3, name: 'item', type: { struct: Xtruct } },
] };
export const Kitchen: StructSchema = { name: 'Kitchen', fields: [
  { id: 1, name: 'yes', type: 'bool' }, { id: 2, name: 'no', type: 'bool' }, { id: 3, name: 'i8v', type: 'i8' },
  { id: 4, name: 'i16v', type: 'i16' }, { id: 5, name: 'i32v', type: 'i32' }, { id: 6, name: 'i64v', type: 'i64' },
  { id: 7, name: 'dbl', type: 'double' }, { id: 8, name: 'str', type: 'string' }, { id: 9, name: 'bin', type: 'binary' },
  { id: 10, name: 'num', type: 'i32' }, { id: 11, name: 'longs', type: { list: 'i64' } },
  { id: 12, name: 'names', type: { set: 'string' } },
  { id: 13, name: 'nested', type: { map: ['string', { list: { map: ['i32', { struct: Xtruct }] } }] } },
  { id: 14, name: 'choice', type: { struct: Choice } }, { id: 15, name: 'maybe', type: { struct: Xtruct } },
{ id: 17, name: 'sets', type: { map: ['i32', { set: 'i16' }] } },
  { id: 18, name: 'doubles', type: { list: 'double' } },
] };
const XceptionS: StructSchema = { name: 'Xception', errorClass: Xception, fields: [
  { id: 1, name: 'errorCode', type: 'i32' }, { id: 2, name: 'message', type: 'string' },
] };
const Xception2S: StructSchema = { name: 'Xception2', errorClass: Xception2, fields: [
  { id: 1, name: 'errorCode', type: 'i32' }, { id: 2, name: 'struct_thing', type: { struct: Xtruct } },
] };

interface MethodSchema {
  readonly name: string;
  readonly args: readonly FieldSchema[];
  readonly returns?: TypeSchema;
  readonly throws?: readonly FieldSchema[];
  readonly oneway?: boolean;
}

const interopMethods: readonly MethodSchema[] = [
  { name: 'testVoid', args: [] },
  { name: 'echoString', args: [{ id: 1, name: 's', type: 'string' }], returns: 'string' },
  { name: 'echoI64', args: [{ id: 1, name: 'v', type: 'i64' }], returns: 'i64' },
  { name: 'echoDouble', args: [{ id: 1, name: 'd', type: 'double' }], returns: 'double' },
  { name: 'echoBools', args: [{ id: 1, name: 'b', type: { list: 'bool' } }], returns: { list: 'bool' } },
  { name: 'echoBinary', args: [{ id: 1, name: 'b', type: 'binary' }], returns: 'binary' },
  { name: 'echoChoice', args: [{ id: 1, name: 'c', type: { struct: Choice } }], returns: { struct: Choice } },
  { name: 'echoKitchen', args: [{ id: 1, name: 'k', type: { struct: Kitchen } }], returns: { struct: Kitchen } },
  { name: 'testMulti', args: [{ id: 1, name: 'a0', type: 'i8' }, { id: 2, name: 'a1', type: 'i32' }, { id: 3, name: 'a2', type: 'i64' }],
    returns: { struct: Xtruct } },
  { name: 'testMultiException', args: [{ id: 1, name: 'arg0', type: 'string' }, { id: 2, name: 'arg1', type: 'string' }],
    returns: { struct: Xtruct },
    throws: [{ id: 1, name: 'err1', type: { struct: XceptionS } }, { id: 2, name: 'err2', type: { struct: Xception2S } }] },
  { name: 'testOneway', args: [{ id: 1, name: 'tag', type: 'i32' }], oneway: true },
  { name: 'onewayCount', args: [], returns: 'i32' },
  { name: 'echoI64Map', args: [{ id: 1, name: 'm', type: { map: ['i64', 'string'] } }], returns: { map: ['i64', 'string'] } },
];
const secondMethods: readonly MethodSchema[] = [
  { name: 'secondtestString', args: [{ id: 1, name: 's', type: 'string' }], returns: 'string' },
];

function methodDefinition(m: MethodSchema): MethodDefinition {
  const argsStruct: StructSchema = { name: `${m.name}_args`, fields: m.args };
  return {
    name: m.name,
    oneway: m.oneway === true,
    readArgs: (r) => readStruct(r, argsStruct),
    invoke: (handler, args) => {
      const fn = (handler as Record<string, (...a: unknown[]) => unknown>)[m.name]!;
      return fn.apply(handler, m.args.map((f) => (args as StructValue)[f.name]));
    },
    writeResult: (w: ProtocolWriter, outcome: HandlerOutcome) => {
      if (outcome.ok) {
        w.writeStructBegin();
        if (m.returns !== undefined) {
          w.writeFieldBegin(ttype(m.returns), 0);
          writeValue(w, m.returns, outcome.value);
          w.writeFieldEnd();
        }
        w.writeFieldStop();
        w.writeStructEnd();
        return true;
      }
      const f = (m.throws ?? []).find((t) => {
        const cls = typeof t.type === 'object' && 'struct' in t.type ? t.type.struct.errorClass : undefined;
        return cls !== undefined && outcome.error instanceof cls;
      });
      if (f === undefined) return false;
      writeStruct(w, { name: `${m.name}_result`, fields: [f] }, { [f.name]: errorFields(outcome.error as Error) });
      return true;
    },
  };
}

function errorFields(e: Error): StructValue {
  return e instanceof Xception ? { errorCode: e.errorCode, message: e.message }
    : { errorCode: (e as Xception2).errorCode, struct_thing: (e as Xception2).struct_thing };
}

function serviceDefinition(name: string, methods: readonly MethodSchema[]): ServiceDefinition {
  return { name, methods: new Map(methods.map((m) => [m.name, methodDefinition(m)])) };
}

export const InteropDefinition = serviceDefinition('interop.Interop', interopMethods);
export const SecondDefinition = serviceDefinition('interop.Second', secondMethods);

function readResult(m: MethodSchema, r: ProtocolReader): unknown {
  let value: unknown;
  let error: unknown;
  r.readStructBegin();
  for (;;) {
    const t = r.readFieldBegin();
    if (t === TType.STOP) break;
    const thrown = m.throws?.find((f) => f.id === r.fieldId);
    if (r.fieldId === 0 && m.returns !== undefined && t === ttype(m.returns)) value = readValue(r, m.returns);
    else if (thrown !== undefined && t === TType.STRUCT) error = readValue(r, thrown.type);
    else r.skip(t);
    r.readFieldEnd();
  }
  r.readStructEnd();
  if (error !== undefined) throw error;
  if (m.returns !== undefined && value === undefined) {
    throw new TApplicationException(TApplicationExceptionType.MISSING_RESULT, `${m.name} failed: unknown result`);
  }
  return value;
}

/** A client object with one async method per IDL method, like a generated `<Service>Client`. */
export type DynamicClient = Record<string, (...args: unknown[]) => Promise<any>>;

function makeClient(methods: readonly MethodSchema[], caller: RpcCaller): DynamicClient {
  const client: DynamicClient = {};
  for (const m of methods) {
    const argsStruct: StructSchema = { name: `${m.name}_args`, fields: m.args };
    client[m.name] = (...a: unknown[]) => caller.call(m.name, m.oneway === true,
      (w) => writeStruct(w, argsStruct, Object.fromEntries(m.args.map((f, i) => [f.name, a[i]]))),
      (r) => readResult(m, r));
  }
  return client;
}

export const interopClient = (caller: RpcCaller) => makeClient(interopMethods, caller);
export const secondClient = (caller: RpcCaller) => makeClient(secondMethods, caller);

/** How a handler builds the declared exceptions (generated `…Error` classes or the stand-in classes). */
export interface ExceptionFactory {
  xception(v: { errorCode: number; message: string }): Error;
  xception2(v: { errorCode: number; struct_thing: StructValue }): Error;
}

const standInExceptions: ExceptionFactory = {
  xception: (v) => new Xception(v),
  xception2: (v) => new Xception2(v),
};

/** The reference behaviour of the interop services (mirrors Apache's ThriftTest semantics). */
export function createInteropHandler(exceptions: ExceptionFactory = standInExceptions) {
  let oneways = 0;
  return {
    testVoid: () => undefined,
    echoString: (s: string) => s,
    echoI64: (v: bigint) => v,
    echoDouble: (d: number) => d,
    echoBools: (b: boolean[]) => b,
    echoBinary: (b: Uint8Array) => b,
    echoChoice: (c: StructValue) => c,
    echoKitchen: (k: StructValue) => k,
    echoI64Map: (m: Map<bigint, string>) => m,
    testMulti: (a0: number, a1: number, a2: bigint) => ({ string_thing: 'Hello2', byte_thing: a0, i32_thing: a1, i64_thing: a2 }),
    testMultiException: async (arg0: string, arg1: string) => {
      if (arg0 === 'Xception') throw exceptions.xception({ errorCode: 1001, message: 'This is an Xception' });
      if (arg0 === 'Xception2') throw exceptions.xception2({ errorCode: 2002, struct_thing: { string_thing: 'This is an Xception2' } });
      if (arg0 === 'TException') throw new Error('an undeclared failure');
      return { string_thing: arg1 };
    },
    testOneway: (_tag: number) => { oneways++; },
    onewayCount: () => oneways,
  };
}

export const secondHandler = { secondtestString: (s: string) => `testString("${s}")` };
