/**
 * The protocol layer generated codecs write to and read from. Binary and compact implement these two
 * interfaces (binary.ts, compact.ts); nothing above this layer knows which one it talks to.
 */

/** Wire type ids (the binary protocol's numbering; compact maps to its own). */
export const TType = {
  STOP: 0, VOID: 1, BOOL: 2, BYTE: 3, DOUBLE: 4, I16: 6, I32: 8, I64: 10,
  STRING: 11, STRUCT: 12, MAP: 13, SET: 14, LIST: 15, UUID: 16,
} as const;
export type TType = (typeof TType)[keyof typeof TType];

export const MessageType = { CALL: 1, REPLY: 2, EXCEPTION: 3, ONEWAY: 4 } as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export interface MessageHeader {
  readonly name: string;
  readonly type: MessageType;
  readonly seqid: number;
}

/** Limits every reader enforces before allocating (thrift-wire notes §9). */
export interface ReadLimits {
  /** Struct/container nesting, default 64. */
  readonly maxDepth?: number;
  /** Largest string/binary in bytes, default the remaining input. */
  readonly maxStringBytes?: number;
  /** Largest container element count, default bounded by the remaining input. */
  readonly maxContainerSize?: number;
}

export interface ProtocolWriter {
  writeMessageBegin(name: string, type: MessageType, seqid: number): void;
  writeMessageEnd(): void;
  writeStructBegin(): void;
  writeStructEnd(): void;
  writeFieldBegin(type: TType, id: number): void;
  writeFieldEnd(): void;
  writeFieldStop(): void;
  writeMapBegin(keyType: TType, valueType: TType, size: number): void;
  writeMapEnd(): void;
  writeListBegin(elemType: TType, size: number): void;
  writeListEnd(): void;
  writeSetBegin(elemType: TType, size: number): void;
  writeSetEnd(): void;
  writeBool(value: boolean): void;
  writeByte(value: number): void;
  writeI16(value: number): void;
  writeI32(value: number): void;
  writeI64(value: bigint): void;
  writeDouble(value: number): void;
  writeString(value: string): void;
  writeBinary(value: Uint8Array): void;
  /** 16 bytes, big-endian (Thrift ≥ 0.19 uuid). */
  writeUuid(value: Uint8Array): void;
  /** Everything written so far, as one view (valid until the next write or reset). */
  finish(): Uint8Array;
  /** Start over, keeping the allocated buffer. */
  reset(): void;
}

export interface ProtocolReader {
  readMessageBegin(): MessageHeader;
  readMessageEnd(): void;
  readStructBegin(): void;
  readStructEnd(): void;
  /** Returns the field's wire type (STOP at the end); the id is then in `fieldId`. */
  readFieldBegin(): TType;
  readonly fieldId: number;
  readFieldEnd(): void;
  /** Returns the size; key and value types are then in `keyType` / `valueType`. */
  readMapBegin(): number;
  readMapEnd(): void;
  /** Returns the size; the element type is then in `elemType`. */
  readListBegin(): number;
  readListEnd(): void;
  readSetBegin(): number;
  readSetEnd(): void;
  readonly keyType: TType;
  readonly valueType: TType;
  readonly elemType: TType;
  readBool(): boolean;
  readByte(): number;
  readI16(): number;
  readI32(): number;
  readI64(): bigint;
  readDouble(): number;
  readString(): string;
  /** A copy, safe to keep after the input buffer is reused. */
  readBinary(): Uint8Array;
  readUuid(): Uint8Array;
  /** Skips one value of `type`, depth-limited, validating type ids. */
  skip(type: TType): void;
  /** Bytes consumed so far. */
  readonly position: number;
}
