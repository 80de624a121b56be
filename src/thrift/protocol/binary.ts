/**
 * TBinaryProtocol: big-endian fixed-width values, i32-length strings, strict message headers written,
 * strict and old non-strict headers read (thrift-wire notes §1).
 */
import { MessageType, TType } from './protocol';
import type { MessageHeader, ProtocolReader, ProtocolWriter, ReadLimits } from './protocol';
import { ThriftBadMessageTypeError, ThriftBadTypeError, ThriftBadVersionError } from './errors';
import { WriteBuffer } from './write-buffer';
import { maxUtf8Bytes } from './utf8';
import { ReadBuffer } from './read-buffer';

const VERSION_1 = 0x80010000 | 0;
const VERSION_MASK = 0xffff0000 | 0;

/** Smallest encoding of one value of each type id (0 = not a valid value type). */
const MIN_SIZE = new Uint8Array(17);
MIN_SIZE[TType.BOOL] = 1; MIN_SIZE[TType.BYTE] = 1; MIN_SIZE[TType.DOUBLE] = 8; MIN_SIZE[TType.I16] = 2;
MIN_SIZE[TType.I32] = 4; MIN_SIZE[TType.I64] = 8; MIN_SIZE[TType.STRING] = 4; MIN_SIZE[TType.STRUCT] = 1;
MIN_SIZE[TType.MAP] = 6; MIN_SIZE[TType.SET] = 5; MIN_SIZE[TType.LIST] = 5; MIN_SIZE[TType.UUID] = 16;

/** Writes TBinaryProtocol (strict) into one growable buffer. */
export class BinaryWriter extends WriteBuffer implements ProtocolWriter {
  // ProtocolWriter
  writeMessageBegin(name: string, type: MessageType, seqid: number): void {
    this.writeI32(VERSION_1 | type);
    this.writeString(name);
    this.writeI32(seqid);
  }
  writeMessageEnd(): void {}
  writeStructBegin(): void {}
  writeStructEnd(): void {}
  writeFieldBegin(type: TType, id: number): void {
    this.ensure(3);
    const b = this.buf, p = this.pos;
    b[p] = type; b[p + 1] = id >> 8; b[p + 2] = id;
    this.pos = p + 3;
  }
  writeFieldEnd(): void {}
  writeFieldStop(): void {
    this.ensure(1);
    this.buf[this.pos++] = TType.STOP;
  }
  writeMapBegin(keyType: TType, valueType: TType, size: number): void {
    this.ensure(6);
    this.buf[this.pos] = keyType; this.buf[this.pos + 1] = valueType;
    this.view.setInt32(this.pos + 2, size);
    this.pos += 6;
  }
  writeMapEnd(): void {}
  writeListBegin(elemType: TType, size: number): void {
    this.ensure(5);
    this.buf[this.pos] = elemType;
    this.view.setInt32(this.pos + 1, size);
    this.pos += 5;
  }
  writeListEnd(): void {}
  writeSetBegin(elemType: TType, size: number): void {
    this.writeListBegin(elemType, size);
  }
  writeSetEnd(): void {}
  writeBool(value: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }
  writeByte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }
  writeI16(value: number): void {
    this.ensure(2);
    this.buf[this.pos] = value >> 8; this.buf[this.pos + 1] = value;
    this.pos += 2;
  }
  writeI32(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, value);
    this.pos += 4;
  }
  writeI64(value: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.pos, value);
    this.pos += 8;
  }
  writeDouble(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value);
    this.pos += 8;
  }
  writeString(value: string): void {
    this.ensure(4 + maxUtf8Bytes(value));
    const len = this.utf8At(this.pos + 4, value);
    this.view.setInt32(this.pos, len);
    this.pos += 4 + len;
  }
  writeBinary(value: Uint8Array): void {
    this.ensure(4 + value.length);
    this.view.setInt32(this.pos, value.length);
    this.buf.set(value, this.pos + 4);
    this.pos += 4 + value.length;
  }
  writeUuid(value: Uint8Array): void {
    this.writeUuidBytes(value);
  }
}

export interface BinaryReaderOptions extends ReadLimits {
  /** Reject old non-strict message headers (default false: both are read, as every Apache library does). */
  readonly strictRead?: boolean;
}

/** Reads TBinaryProtocol from one complete input buffer. */
export class BinaryReader extends ReadBuffer implements ProtocolReader {
  readonly #strictRead: boolean;
  fieldId = 0;
  keyType: TType = TType.STOP;
  valueType: TType = TType.STOP;
  elemType: TType = TType.STOP;

  constructor(input: Uint8Array, opts: BinaryReaderOptions = {}) {
    super(input, opts);
    this.#strictRead = opts.strictRead ?? false;
  }

  protected minWireSize(type: TType): number {
    return MIN_SIZE[type]!;
  }

  #type(): TType {
    const t = this.buf[this.pos++]!;
    if (t > 16 || MIN_SIZE[t] === 0) {
      throw ThriftBadTypeError(`unknown type id ${t} at offset ${this.pos - 1}`);
    }
    return t as TType;
  }

  // ProtocolReader
  readMessageBegin(): MessageHeader {
    const first = this.readI32();
    let type: number, name: string;
    if (first < 0) {
      if ((first & VERSION_MASK) !== VERSION_1) {
        throw ThriftBadVersionError(`bad binary protocol version 0x${(first >>> 0).toString(16)}`);
      }
      type = first & 0xff;
      name = this.readString();
    } else {
      if (this.#strictRead) throw ThriftBadVersionError('message header without version (non-strict) refused by strictRead');
      name = this.utf8(first);
      type = this.readByte();
    }
    if (type < MessageType.CALL || type > MessageType.ONEWAY) throw ThriftBadMessageTypeError(`unknown message type ${type}`);
    const seqid = this.readI32();
    return { name, type: type as MessageType, seqid };
  }
  readMessageEnd(): void {}
  readStructBegin(): void {
    this.enter();
  }
  readStructEnd(): void {
    this.leave();
  }
  readFieldBegin(): TType {
    this.need(1);
    if (this.buf[this.pos] === TType.STOP) {
      this.pos++;
      return TType.STOP;
    }
    this.need(3);
    const t = this.#type();
    this.fieldId = (this.buf[this.pos]! << 24 >> 16) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return t;
  }
  readFieldEnd(): void {}
  readMapBegin(): number {
    this.need(6);
    this.keyType = this.#type();
    this.valueType = this.#type();
    const size = this.readI32();
    this.checkSize(size, MIN_SIZE[this.keyType]! + MIN_SIZE[this.valueType]!);
    this.enter();
    return size;
  }
  readMapEnd(): void {
    this.leave();
  }
  readListBegin(): number {
    this.need(5);
    this.elemType = this.#type();
    const size = this.readI32();
    this.checkSize(size, MIN_SIZE[this.elemType]!);
    this.enter();
    return size;
  }
  readListEnd(): void {
    this.leave();
  }
  readSetBegin(): number {
    return this.readListBegin();
  }
  readSetEnd(): void {
    this.leave();
  }
  readBool(): boolean {
    this.need(1);
    return this.buf[this.pos++] !== 0;
  }
  readByte(): number {
    this.need(1);
    return this.buf[this.pos++]! << 24 >> 24;
  }
  readI16(): number {
    this.need(2);
    const v = (this.buf[this.pos]! << 24 >> 16) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  readI32(): number {
    this.need(4);
    const b = this.buf, p = this.pos;
    this.pos = p + 4;
    return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
  }
  readI64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }
  readDouble(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }
  readString(): string {
    return this.utf8(this.readI32());
  }
  readBinary(): Uint8Array {
    return this.bytes(this.readI32());
  }
  readUuid(): Uint8Array {
    this.need(16);
    const v = this.buf.slice(this.pos, this.pos + 16);
    this.pos += 16;
    return v;
  }
  skip(type: TType): void {
    switch (type) {
      case TType.BOOL: case TType.BYTE: this.need(1); this.pos += 1; return;
      case TType.I16: this.need(2); this.pos += 2; return;
      case TType.I32: this.need(4); this.pos += 4; return;
      case TType.I64: case TType.DOUBLE: this.need(8); this.pos += 8; return;
      case TType.UUID: this.need(16); this.pos += 16; return;
      case TType.STRING: {
        const len = this.readI32();
        this.checkLength(len);
        this.pos += len;
        return;
      }
      case TType.STRUCT: {
        this.readStructBegin();
        for (let t = this.readFieldBegin(); t !== TType.STOP; t = this.readFieldBegin()) this.skip(t);
        this.readStructEnd();
        return;
      }
      case TType.MAP: {
        const n = this.readMapBegin();
        const k = this.keyType, v = this.valueType;
        for (let i = 0; i < n; i++) { this.skip(k); this.skip(v); }
        this.readMapEnd();
        return;
      }
      case TType.SET: case TType.LIST: {
        const n = this.readListBegin();
        const e = this.elemType;
        for (let i = 0; i < n; i++) this.skip(e);
        this.readListEnd();
        return;
      }
      default:
        throw ThriftBadTypeError(`cannot skip unknown type id ${type as number} at offset ${this.pos}`);
    }
  }
}
