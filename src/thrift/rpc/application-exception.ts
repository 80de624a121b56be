/**
 * TApplicationException: the error a Thrift server sends in an EXCEPTION message when the failure is not
 * one the IDL declares. Wire body: `struct { 1: string message, 2: i32 type }`.
 */
import { SluiceError } from '../../errors';
import { TType, type ProtocolReader, type ProtocolWriter } from '../protocol/protocol';

/** TApplicationException type numbers (same in every Apache library). */
export const TApplicationExceptionType = {
  UNKNOWN: 0,
  UNKNOWN_METHOD: 1,
  INVALID_MESSAGE_TYPE: 2,
  WRONG_METHOD_NAME: 3,
  BAD_SEQUENCE_ID: 4,
  MISSING_RESULT: 5,
  INTERNAL_ERROR: 6,
  PROTOCOL_ERROR: 7,
  INVALID_TRANSFORM: 8,
  INVALID_PROTOCOL: 9,
  UNSUPPORTED_CLIENT_TYPE: 10,
} as const;
export type TApplicationExceptionType = (typeof TApplicationExceptionType)[keyof typeof TApplicationExceptionType];

/** Carries `code` SLUICE_E_RPC_APPLICATION and the wire `type`; handlers may throw it to choose the type. */
export class TApplicationException extends SluiceError {
  static readonly code = 'SLUICE_E_RPC_APPLICATION';
  readonly type: number;

  constructor(type: number, message: string) {
    super(TApplicationException.code, message);
    this.name = 'TApplicationException';
    this.type = type;
  }
}

/** Writes the exception struct (not the message envelope). */
export function writeApplicationException(w: ProtocolWriter, e: { readonly message: string; readonly type: number }): void {
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRING, 1);
  w.writeString(e.message);
  w.writeFieldEnd();
  w.writeFieldBegin(TType.I32, 2);
  w.writeI32(e.type);
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
}

/** Reads the exception struct; unknown fields are skipped, missing ones default to "" and UNKNOWN. */
export function readApplicationException(r: ProtocolReader): TApplicationException {
  let message = '';
  let type: number = TApplicationExceptionType.UNKNOWN;
  r.readStructBegin();
  for (;;) {
    const t = r.readFieldBegin();
    if (t === TType.STOP) break;
    if (r.fieldId === 1 && t === TType.STRING) message = r.readString();
    else if (r.fieldId === 2 && t === TType.I32) type = r.readI32();
    else r.skip(t);
    r.readFieldEnd();
  }
  r.readStructEnd();
  return new TApplicationException(type, message);
}
