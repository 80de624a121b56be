/**
 * Binary messages of the pseudonymization suites' people.People service (test/e2e/pseudo's IDL), written and read
 * by hand so the tests see exactly the bytes on the wire; and the gateway YAML that puts a listener in front of it.
 */
import { BinaryReader, MessageType, TType } from '../../../src/thrift/protocol';
import { decodeReply, structArgCall } from '../../interop/thrift-in/gateway';

/** Gateway YAML: a `transport: header` listener on `port` in front of the people backend (framed binary). */
export function peopleListenerYaml(backendPort: number, port: number): string {
  return `upstreams:
  people: { endpoints: ['127.0.0.1:${backendPort}'], transport: framed, protocol: binary }
thrift_listeners:
  - { listen: '127.0.0.1:${port}', transport: header, service: people.People, upstream: people }
`;
}

/** Create(1: Person person) as a binary CALL (phone, field 4, and aliases, field 6, only when given). */
export function createCall(seqid: number, p: { id: bigint; name: string; email: string; phone?: string; aliases?: string[] }): Uint8Array {
  return structArgCall('Create', seqid, (w) => {
    w.writeFieldBegin(TType.I64, 1); w.writeI64(p.id); w.writeFieldEnd();
    w.writeFieldBegin(TType.STRING, 2); w.writeString(p.name); w.writeFieldEnd();
    w.writeFieldBegin(TType.STRING, 3); w.writeString(p.email); w.writeFieldEnd();
    if (p.phone !== undefined) { w.writeFieldBegin(TType.STRING, 4); w.writeString(p.phone); w.writeFieldEnd(); }
    if (p.aliases !== undefined) {
      w.writeFieldBegin(TType.LIST, 6);
      w.writeListBegin(TType.STRING, p.aliases.length);
      for (const a of p.aliases) w.writeString(a);
      w.writeFieldEnd();
    }
  });
}

/** The Person in a reply (field 0), or the TApplicationException's message. */
export function replyPerson(payload: Uint8Array): { id?: bigint; name?: string; email?: string; appError?: string } {
  const r = new BinaryReader(payload);
  const h = r.readMessageBegin();
  if (h.type === MessageType.EXCEPTION) return { appError: decodeReply(payload).appError!.message };
  const out: { id?: bigint; name?: string; email?: string } = {};
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    const outer: number = r.fieldId;
    if (outer !== 0 || t !== TType.STRUCT) { r.skip(t); continue; }
    r.readStructBegin();
    for (let u = r.readFieldBegin(); u !== TType.STOP; u = r.readFieldBegin()) {
      const id: number = r.fieldId;
      if (id === 1 && u === TType.I64) out.id = r.readI64();
      else if (id === 2 && u === TType.STRING) out.name = r.readString();
      else if (id === 3 && u === TType.STRING) out.email = r.readString();
      else r.skip(u);
    }
  }
  return out;
}
