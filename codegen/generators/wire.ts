/**
 * How each Thrift type meets the protocol interface: its wire type id (binary numbering, which the
 * compact writer maps itself) and the ProtocolWriter/ProtocolReader methods for base types.
 */
import type { BaseKind, TypeRef } from '../../src/idl/model';

const TTYPE: Record<TypeRef['kind'], number> = {
  bool: 2, i8: 3, double: 4, i16: 6, i32: 8, enum: 8, i64: 10, string: 11, binary: 11,
  struct: 12, map: 13, set: 14, list: 15, uuid: 16,
};
const TTYPE_NAME: Record<number, string> = {
  2: 'BOOL', 3: 'BYTE', 4: 'DOUBLE', 6: 'I16', 8: 'I32', 10: 'I64', 11: 'STRING', 12: 'STRUCT', 13: 'MAP',
  14: 'SET', 15: 'LIST', 16: 'UUID',
};

/** The wire type id of `type`. */
export function ttype(type: TypeRef): number {
  return TTYPE[type.kind];
}

/** The wire type id as code: `11 /* STRING *\/` (a literal, so it type-checks as `TType`). */
export function ttypeCode(type: TypeRef): string {
  const id = ttype(type);
  return `${id} /* ${TTYPE_NAME[id]} */`;
}

const SUFFIX: Record<BaseKind, string> = {
  bool: 'Bool', i8: 'Byte', i16: 'I16', i32: 'I32', i64: 'I64', double: 'Double', string: 'String',
  binary: 'Binary', uuid: 'Uuid',
};

/** `Bool`, `I32`, …: the suffix of the writeX/readX methods for a base type (enums use I32). */
export function methodSuffix(type: TypeRef): string {
  if (type.kind === 'enum') return 'I32';
  const s = SUFFIX[type.kind as BaseKind];
  if (s === undefined) throw new Error(`codegen: ${type.kind} has no primitive read/write`);
  return s;
}

/** True for types read and written by one protocol call. */
export function isPrimitive(type: TypeRef): boolean {
  return type.kind !== 'list' && type.kind !== 'set' && type.kind !== 'map' && type.kind !== 'struct';
}
