/** Serialized messages for transport tests, written with the library's own protocol writers. */
import { BinaryWriter } from '../../../../src/thrift/protocol/binary';
import { CompactWriter } from '../../../../src/thrift/protocol/compact';
import { MessageType, TType, type ProtocolWriter } from '../../../../src/thrift/protocol/protocol';

/** A CALL of `name` whose args struct holds every wire type, nested containers and a nested struct. */
export function sampleMessage(protocol: 'binary' | 'compact', name = 'echo', seqid = 7): Uint8Array {
  const w: ProtocolWriter = protocol === 'binary' ? new BinaryWriter() : new CompactWriter();
  w.writeMessageBegin(name, MessageType.CALL, seqid);
  w.writeStructBegin();
  w.writeFieldBegin(TType.BOOL, 1); w.writeBool(true); w.writeFieldEnd();
  w.writeFieldBegin(TType.BYTE, 2); w.writeByte(-1); w.writeFieldEnd();
  w.writeFieldBegin(TType.I16, 3); w.writeI16(-300); w.writeFieldEnd();
  w.writeFieldBegin(TType.I32, 4); w.writeI32(-70000); w.writeFieldEnd();
  w.writeFieldBegin(TType.I64, 5); w.writeI64(-(2n ** 63n)); w.writeFieldEnd();
  w.writeFieldBegin(TType.DOUBLE, 6); w.writeDouble(-0.5); w.writeFieldEnd();
  w.writeFieldBegin(TType.STRING, 7); w.writeString('𝄞 パ'); w.writeFieldEnd();
  w.writeFieldBegin(TType.UUID, 8); w.writeUuid(new Uint8Array(16).fill(9)); w.writeFieldEnd();
  w.writeFieldBegin(TType.MAP, 9);
  w.writeMapBegin(TType.STRING, TType.LIST, 1);
  w.writeString('k');
  w.writeListBegin(TType.BOOL, 2); w.writeBool(true); w.writeBool(false); w.writeListEnd();
  w.writeMapEnd();
  w.writeFieldEnd();
  w.writeFieldBegin(TType.MAP, 10); w.writeMapBegin(TType.I32, TType.I32, 0); w.writeMapEnd(); w.writeFieldEnd();
  w.writeFieldBegin(TType.SET, 11);
  w.writeSetBegin(TType.STRUCT, 1);
  w.writeStructBegin(); w.writeFieldBegin(TType.I32, 100); w.writeI32(1); w.writeFieldEnd(); w.writeFieldStop(); w.writeStructEnd();
  w.writeSetEnd();
  w.writeFieldEnd();
  w.writeFieldBegin(TType.LIST, 12); w.writeListBegin(TType.I64, 20);
  for (let i = 0; i < 20; i++) w.writeI64(BigInt(i));
  w.writeListEnd(); w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeMessageEnd();
  return w.finish().slice();
}

/** A struct nested `depth` levels deep inside the args of a CALL (binary). */
export function nestedMessage(protocol: 'binary' | 'compact', depth: number): Uint8Array {
  const w: ProtocolWriter = protocol === 'binary' ? new BinaryWriter() : new CompactWriter();
  w.writeMessageBegin('deep', MessageType.CALL, 1);
  w.writeStructBegin();
  for (let i = 1; i < depth; i++) { w.writeFieldBegin(TType.STRUCT, 1); w.writeStructBegin(); }
  for (let i = 1; i < depth; i++) { w.writeFieldStop(); w.writeStructEnd(); w.writeFieldEnd(); }
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeMessageEnd();
  return w.finish().slice();
}

export const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
