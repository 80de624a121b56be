/**
 * TCompactProtocol: zigzag varints, field-id deltas, bools folded into field headers, little-endian
 * doubles (thrift-wire notes §2 and traps §9).
 */
import { MessageType, TType } from './protocol';
import type { MessageHeader, ProtocolReader, ProtocolWriter, ReadLimits } from './protocol';
import {
  ThriftBadMessageTypeError, ThriftBadTypeError, ThriftBadVarintError, ThriftBadVersionError, ThriftNegativeSizeError,
} from './errors';
import { WriteBuffer } from './write-buffer';
import { maxUtf8Bytes } from './utf8';
import { ReadBuffer } from './read-buffer';

const PROTOCOL_ID = 0x82;
const VERSION = 1;

/** Compact type ids. */
const CT = {
  STOP: 0, TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11,
  STRUCT: 12, UUID: 13,
} as const;

/** TType → compact type (0 = no compact form). BOOL maps to TRUE; field headers pick TRUE/FALSE themselves. */
const TO_COMPACT = new Uint8Array(17);
TO_COMPACT[TType.BOOL] = CT.TRUE; TO_COMPACT[TType.BYTE] = CT.BYTE; TO_COMPACT[TType.I16] = CT.I16;
TO_COMPACT[TType.I32] = CT.I32; TO_COMPACT[TType.I64] = CT.I64; TO_COMPACT[TType.DOUBLE] = CT.DOUBLE;
TO_COMPACT[TType.STRING] = CT.BINARY; TO_COMPACT[TType.LIST] = CT.LIST; TO_COMPACT[TType.SET] = CT.SET;
TO_COMPACT[TType.MAP] = CT.MAP; TO_COMPACT[TType.STRUCT] = CT.STRUCT; TO_COMPACT[TType.UUID] = CT.UUID;

/** Compact type → TType (0xff = unknown). Both 1 and 2 mean bool (element headers may carry either). */
const FROM_COMPACT = new Uint8Array(16).fill(0xff);
FROM_COMPACT[CT.TRUE] = TType.BOOL; FROM_COMPACT[CT.FALSE] = TType.BOOL; FROM_COMPACT[CT.BYTE] = TType.BYTE;
FROM_COMPACT[CT.I16] = TType.I16; FROM_COMPACT[CT.I32] = TType.I32; FROM_COMPACT[CT.I64] = TType.I64;
FROM_COMPACT[CT.DOUBLE] = TType.DOUBLE; FROM_COMPACT[CT.BINARY] = TType.STRING; FROM_COMPACT[CT.LIST] = TType.LIST;
FROM_COMPACT[CT.SET] = TType.SET; FROM_COMPACT[CT.MAP] = TType.MAP; FROM_COMPACT[CT.STRUCT] = TType.STRUCT;
FROM_COMPACT[CT.UUID] = TType.UUID;

/** Smallest compact encoding of one value of each TType. */
const MIN_SIZE = new Uint8Array(17).fill(1);
MIN_SIZE[TType.DOUBLE] = 8; MIN_SIZE[TType.UUID] = 16;

function toCompact(type: TType): number {
  const c = TO_COMPACT[type]!;
  if (c === 0) throw ThriftBadTypeError(`type id ${type} has no compact encoding`);
  return c;
}

/** Writes TCompactProtocol into one growable buffer. */
export class CompactWriter extends WriteBuffer implements ProtocolWriter {
  #lastFieldId = 0;
  readonly #lastFieldIds: number[] = [];
  /** A bool field whose header waits for its value (ids may be negative, hence the flag). */
  #boolFieldPending = false;
  #pendingBoolField = 0;
  /** Scratch for splitting i64 into two 32-bit halves without bigint arithmetic. */
  readonly #scratch = new DataView(new ArrayBuffer(8));

  #varint32(n: number): void {
    n >>>= 0;
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    while (n > 0x7f) {
      b[p++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    b[p++] = n;
    this.pos = p;
  }

  #fieldHeader(ctype: number, id: number): void {
    const delta = id - this.#lastFieldId;
    if (delta > 0 && delta <= 15) {
      this.ensure(1);
      this.buf[this.pos++] = (delta << 4) | ctype;
    } else {
      this.ensure(1);
      this.buf[this.pos++] = ctype;
      this.#varint32((id << 1) ^ (id >> 31));
    }
    this.#lastFieldId = id;
  }

  #collectionHeader(ctype: number, size: number): void {
    if (size <= 14) {
      this.ensure(1);
      this.buf[this.pos++] = (size << 4) | ctype;
    } else {
      this.ensure(1);
      this.buf[this.pos++] = 0xf0 | ctype;
      this.#varint32(size);
    }
  }

  // ProtocolWriter
  writeMessageBegin(name: string, type: MessageType, seqid: number): void {
    this.ensure(2);
    this.buf[this.pos] = PROTOCOL_ID;
    this.buf[this.pos + 1] = (type << 5) | VERSION;
    this.pos += 2;
    this.#varint32(seqid); // unsigned, not zigzag: -1 is ff ff ff ff 0f
    this.writeString(name);
  }
  writeMessageEnd(): void {}
  writeStructBegin(): void {
    this.#lastFieldIds.push(this.#lastFieldId);
    this.#lastFieldId = 0;
  }
  writeStructEnd(): void {
    this.#lastFieldId = this.#lastFieldIds.pop() ?? 0;
  }
  writeFieldBegin(type: TType, id: number): void {
    if (type === TType.BOOL) {
      this.#boolFieldPending = true;
      this.#pendingBoolField = id;
    } else this.#fieldHeader(toCompact(type), id);
  }
  writeFieldEnd(): void {}
  writeFieldStop(): void {
    this.ensure(1);
    this.buf[this.pos++] = CT.STOP;
  }
  writeMapBegin(keyType: TType, valueType: TType, size: number): void {
    if (size === 0) {
      this.ensure(1);
      this.buf[this.pos++] = 0;
      return;
    }
    this.#varint32(size);
    this.ensure(1);
    this.buf[this.pos++] = (toCompact(keyType) << 4) | toCompact(valueType);
  }
  writeMapEnd(): void {}
  writeListBegin(elemType: TType, size: number): void {
    this.#collectionHeader(toCompact(elemType), size);
  }
  writeListEnd(): void {}
  writeSetBegin(elemType: TType, size: number): void {
    this.#collectionHeader(toCompact(elemType), size);
  }
  writeSetEnd(): void {}
  writeBool(value: boolean): void {
    const ctype = value ? CT.TRUE : CT.FALSE;
    if (this.#boolFieldPending) {
      this.#boolFieldPending = false;
      this.#fieldHeader(ctype, this.#pendingBoolField);
    } else {
      this.ensure(1);
      this.buf[this.pos++] = ctype;
    }
  }
  writeByte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }
  writeI16(value: number): void {
    this.#varint32((value << 1) ^ (value >> 31));
  }
  writeI32(value: number): void {
    this.#varint32((value << 1) ^ (value >> 31));
  }
  writeI64(value: bigint): void {
    const s = this.#scratch;
    s.setBigInt64(0, value);
    const hi = s.getInt32(0), lo = s.getUint32(4);
    const sign = hi >> 31;
    let zlo = ((lo << 1) ^ sign) >>> 0;
    let zhi = (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0;
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    while (zhi !== 0 || zlo > 0x7f) {
      b[p++] = (zlo & 0x7f) | 0x80;
      zlo = ((zlo >>> 7) | (zhi << 25)) >>> 0;
      zhi >>>= 7;
    }
    b[p++] = zlo;
    this.pos = p;
  }
  writeDouble(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }
  writeString(value: string): void {
    const n = value.length;
    // Guess the varint width from the UTF-16 length; UTF-8 is never shorter, so only a wider prefix is possible.
    const guess = varintSize(n);
    this.ensure(5 + maxUtf8Bytes(value));
    const start = this.pos;
    const len = this.utf8At(start + guess, value);
    const actual = varintSize(len);
    if (actual !== guess) this.buf.copyWithin(start + actual, start + guess, start + guess + len);
    this.#varint32(len);
    this.pos = start + actual + len;
  }
  writeBinary(value: Uint8Array): void {
    this.#varint32(value.length);
    this.writeRaw(value);
  }
  writeUuid(value: Uint8Array): void {
    this.writeUuidBytes(value);
  }
  override reset(): void {
    super.reset();
    this.#lastFieldId = 0;
    this.#lastFieldIds.length = 0;
    this.#boolFieldPending = false;
  }
}

function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** Reads TCompactProtocol from one complete input buffer. */
export class CompactReader extends ReadBuffer implements ProtocolReader {
  fieldId = 0;
  keyType: TType = TType.STOP;
  valueType: TType = TType.STOP;
  elemType: TType = TType.STOP;
  #lastFieldId = 0;
  readonly #lastFieldIds: number[] = [];
  /** Value of a bool field carried in its header: 1 true, 0 false, -1 none pending. */
  #pendingBool = -1;
  readonly #scratch = new DataView(new ArrayBuffer(8));

  constructor(input: Uint8Array, limits: ReadLimits = {}) {
    super(input, limits);
  }

  protected minWireSize(type: TType): number {
    return MIN_SIZE[type]!;
  }

  #byte(): number {
    if (this.pos >= this.end) this.need(1);
    return this.buf[this.pos++]!;
  }

  /** Unsigned 32-bit varint (at most 5 bytes). */
  #varint32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.#byte();
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
    }
    throw ThriftBadVarintError(`varint longer than 5 bytes at offset ${this.pos - 5}`);
  }

  #type(ctype: number): TType {
    const t = ctype < 16 ? FROM_COMPACT[ctype]! : 0xff;
    if (t === 0xff) throw ThriftBadTypeError(`unknown compact type id ${ctype} at offset ${this.pos - 1}`);
    return t as TType;
  }

  #size(): number {
    const n = this.#varint32();
    if (n > 0x7fffffff) throw ThriftNegativeSizeError(`negative size ${n | 0} at offset ${this.pos}`);
    return n;
  }

  // ProtocolReader
  readMessageBegin(): MessageHeader {
    const id = this.#byte();
    if (id !== PROTOCOL_ID) throw ThriftBadVersionError(`bad compact protocol id 0x${id.toString(16)}`);
    const vt = this.#byte();
    if ((vt & 0x1f) !== VERSION) throw ThriftBadVersionError(`bad compact protocol version ${vt & 0x1f}`);
    const type = vt >> 5;
    if (type < MessageType.CALL || type > MessageType.ONEWAY) throw ThriftBadMessageTypeError(`unknown message type ${type}`);
    const seqid = this.#varint32() | 0;
    const name = this.readString();
    return { name, type: type as MessageType, seqid };
  }
  readMessageEnd(): void {}
  readStructBegin(): void {
    this.enter();
    this.#lastFieldIds.push(this.#lastFieldId);
    this.#lastFieldId = 0;
  }
  readStructEnd(): void {
    this.leave();
    this.#lastFieldId = this.#lastFieldIds.pop() ?? 0;
  }
  readFieldBegin(): TType {
    const b = this.#byte();
    if (b === CT.STOP) return TType.STOP;
    const ctype = b & 0x0f;
    const type = this.#type(ctype);
    const delta = b >> 4;
    if (delta === 0) {
      this.fieldId = this.readI16();
    } else {
      this.fieldId = this.#lastFieldId + delta;
    }
    this.#lastFieldId = this.fieldId;
    if (type === TType.BOOL) this.#pendingBool = ctype === CT.TRUE ? 1 : 0;
    return type;
  }
  readFieldEnd(): void {}
  readMapBegin(): number {
    const size = this.#size();
    if (size === 0) {
      this.keyType = TType.STOP;
      this.valueType = TType.STOP;
    } else {
      const kv = this.#byte();
      this.keyType = this.#type(kv >> 4);
      this.valueType = this.#type(kv & 0x0f);
      this.checkSize(size, MIN_SIZE[this.keyType]! + MIN_SIZE[this.valueType]!);
    }
    this.enter();
    return size;
  }
  readMapEnd(): void {
    this.leave();
  }
  readListBegin(): number {
    const b = this.#byte();
    this.elemType = this.#type(b & 0x0f);
    const size = b >> 4 === 15 ? this.#size() : b >> 4;
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
    const pending = this.#pendingBool;
    if (pending !== -1) {
      this.#pendingBool = -1;
      return pending === 1;
    }
    return this.#byte() === CT.TRUE;
  }
  readByte(): number {
    return this.#byte() << 24 >> 24;
  }
  readI16(): number {
    const z = this.#varint32();
    const v = (z >>> 1) ^ -(z & 1);
    // A varint beyond 16 bits is malformed: truncating it would turn garbage into a plausible value.
    if (v < -32768 || v > 32767) throw ThriftBadVarintError(`i16 varint out of range (${v}) at offset ${this.pos}`);
    return v;
  }
  readI32(): number {
    const z = this.#varint32();
    return (z >>> 1) ^ -(z & 1);
  }
  readI64(): bigint {
    let lo = 0, hi = 0, shift = 0;
    for (let i = 0; ; i++) {
      if (i === 10) throw ThriftBadVarintError(`varint longer than 10 bytes at offset ${this.pos - 10}`);
      const b = this.#byte();
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) { lo |= bits << 28; hi |= bits >>> 4; }
      else hi |= bits << (shift - 32);
      shift += 7;
      if (b < 0x80) break;
    }
    const sign = -(lo & 1);
    const rlo = ((lo >>> 1) | (hi << 31)) ^ sign;
    const rhi = (hi >>> 1) ^ sign;
    const s = this.#scratch;
    s.setInt32(0, rhi);
    s.setInt32(4, rlo);
    return s.getBigInt64(0);
  }
  readDouble(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  readString(): string {
    return this.utf8(this.#size());
  }
  readBinary(): Uint8Array {
    return this.bytes(this.#size());
  }
  readUuid(): Uint8Array {
    this.need(16);
    const v = this.buf.slice(this.pos, this.pos + 16);
    this.pos += 16;
    return v;
  }
  skip(type: TType): void {
    switch (type) {
      case TType.BOOL: this.readBool(); return;
      case TType.BYTE: this.need(1); this.pos += 1; return;
      case TType.I16: case TType.I32: this.#varint32(); return;
      case TType.I64: this.readI64(); return;
      case TType.DOUBLE: this.need(8); this.pos += 8; return;
      case TType.UUID: this.need(16); this.pos += 16; return;
      case TType.STRING: {
        const len = this.#size();
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
