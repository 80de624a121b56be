/**
 * Codecs for bench.thrift on @creditkarma/thrift-server-core, written the way @creditkarma/thrift-typescript
 * generates them (its generator pins TypeScript 3.5 and cannot run here): one protocol call per value,
 * i64 as the library's Int64, the field loop switching on fieldId.
 */
import { BinaryProtocol, BufferedTransport, CompactProtocol, Int64, TType, type TProtocol } from '@creditkarma/thrift-server-core';

export interface CkSmall { name: string; tiny: number; count: number; big: Int64; ratio: number; ok: boolean }
export interface CkBig { totals: Map<Int64, Int64>; items: CkSmall[] }

function encodeSmall(v: CkSmall, out: TProtocol): void {
  out.writeStructBegin('Small');
  out.writeFieldBegin('name', TType.STRING, 1); out.writeString(v.name); out.writeFieldEnd();
  out.writeFieldBegin('tiny', TType.BYTE, 2); out.writeByte(v.tiny); out.writeFieldEnd();
  out.writeFieldBegin('count', TType.I32, 3); out.writeI32(v.count); out.writeFieldEnd();
  out.writeFieldBegin('big', TType.I64, 4); out.writeI64(v.big); out.writeFieldEnd();
  out.writeFieldBegin('ratio', TType.DOUBLE, 5); out.writeDouble(v.ratio); out.writeFieldEnd();
  out.writeFieldBegin('ok', TType.BOOL, 6); out.writeBool(v.ok); out.writeFieldEnd();
  out.writeFieldStop();
  out.writeStructEnd();
}

function decodeSmall(input: TProtocol): CkSmall {
  const v: Partial<CkSmall> = {};
  input.readStructBegin();
  for (;;) {
    const f = input.readFieldBegin();
    if (f.fieldType === TType.STOP) break;
    switch (f.fieldId) {
      case 1: if (f.fieldType === TType.STRING) v.name = input.readString(); else input.skip(f.fieldType); break;
      case 2: if (f.fieldType === TType.BYTE) v.tiny = input.readByte(); else input.skip(f.fieldType); break;
      case 3: if (f.fieldType === TType.I32) v.count = input.readI32(); else input.skip(f.fieldType); break;
      case 4: if (f.fieldType === TType.I64) v.big = input.readI64(); else input.skip(f.fieldType); break;
      case 5: if (f.fieldType === TType.DOUBLE) v.ratio = input.readDouble(); else input.skip(f.fieldType); break;
      case 6: if (f.fieldType === TType.BOOL) v.ok = input.readBool(); else input.skip(f.fieldType); break;
      default: input.skip(f.fieldType);
    }
    input.readFieldEnd();
  }
  input.readStructEnd();
  return v as CkSmall;
}

function encodeBig(v: CkBig, out: TProtocol): void {
  out.writeStructBegin('Big');
  out.writeFieldBegin('totals', TType.MAP, 1);
  out.writeMapBegin(TType.I64, TType.I64, v.totals.size);
  v.totals.forEach((value, key) => { out.writeI64(key); out.writeI64(value); });
  out.writeMapEnd();
  out.writeFieldEnd();
  out.writeFieldBegin('items', TType.LIST, 2);
  out.writeListBegin(TType.STRUCT, v.items.length);
  v.items.forEach((item) => encodeSmall(item, out));
  out.writeListEnd();
  out.writeFieldEnd();
  out.writeFieldStop();
  out.writeStructEnd();
}

function decodeBig(input: TProtocol): CkBig {
  const v: Partial<CkBig> = {};
  input.readStructBegin();
  for (;;) {
    const f = input.readFieldBegin();
    if (f.fieldType === TType.STOP) break;
    if (f.fieldId === 1 && f.fieldType === TType.MAP) {
      const m = new Map<Int64, Int64>();
      const meta = input.readMapBegin();
      for (let i = 0; i < meta.size; i++) m.set(input.readI64(), input.readI64());
      input.readMapEnd();
      v.totals = m;
    } else if (f.fieldId === 2 && f.fieldType === TType.LIST) {
      const items: CkSmall[] = [];
      const meta = input.readListBegin();
      for (let i = 0; i < meta.size; i++) items.push(decodeSmall(input));
      input.readListEnd();
      v.items = items;
    } else {
      input.skip(f.fieldType);
    }
    input.readFieldEnd();
  }
  input.readStructEnd();
  return v as CkBig;
}

type ProtocolCtor = typeof BinaryProtocol | typeof CompactProtocol;

function encoder<T>(encode: (v: T, out: TProtocol) => void, P: ProtocolCtor) {
  return (v: T): Buffer => {
    const t = new BufferedTransport();
    encode(v, new P(t));
    return t.flush();
  };
}

function decoder<T>(decode: (input: TProtocol) => T, P: ProtocolCtor) {
  return (bytes: Buffer): T => decode(new P(new BufferedTransport(bytes)));
}

export const ck = {
  Int64,
  small: {
    binary: { encode: encoder(encodeSmall, BinaryProtocol), decode: decoder(decodeSmall, BinaryProtocol) },
    compact: { encode: encoder(encodeSmall, CompactProtocol), decode: decoder(decodeSmall, CompactProtocol) },
  },
  big: {
    binary: { encode: encoder(encodeBig, BinaryProtocol), decode: decoder(decodeBig, BinaryProtocol) },
    compact: { encode: encoder(encodeBig, CompactProtocol), decode: decoder(decodeBig, CompactProtocol) },
  },
};
