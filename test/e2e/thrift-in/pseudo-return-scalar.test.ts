/**
 * Config `return` rules on a scalar result (contract §7, §8): `echoString` and `echoI64` of the interop IDL carry
 * no annotations; rules pseudonymize their argument and mark their whole result (`path: return`). The upstream is
 * the Apache Thrift Python interop server on compact/framed, which echoes what it received, while callers speak
 * binary through a `header` listener, so both walks also translate binary↔compact. A caller with the reidentify
 * scope gets its value back; everyone else gets the pseudonym the backend echoed (a siv token, an ff1-permuted
 * i64). Both io backends.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BinaryReader, BinaryWriter, MessageType, TType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import { generatePeerCode, startPeerServer, type GeneratedPeers, type RunningPeer } from '../../interop/rpc/helpers/peers';
import { AUDITOR, READER, pseudoExtras, pseudoSection } from '../pseudo/harness';
import {
  BACKENDS, RawClient, callMessage, decodeReply, startGateway, theader, theaderPayload, type Gateway,
} from '../../interop/thrift-in/gateway';

const EMAIL = 'ada@example.com';
const ID = 31415926n;

/** echoI64(1: i64 v) as a binary CALL. */
function echoI64(seqid: number, v: bigint): Uint8Array {
  const w = new BinaryWriter();
  w.writeMessageBegin('echoI64', MessageType.CALL, seqid);
  w.writeStructBegin();
  w.writeFieldBegin(TType.I64, 1); w.writeI64(v); w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish();
}

/** Field 0 of a binary reply when it is an i64 (undefined otherwise). */
function i64Success(payload: Uint8Array): bigint | undefined {
  const r = new BinaryReader(payload);
  r.readMessageBegin();
  r.readStructBegin();
  let out: bigint | undefined;
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    if (r.fieldId === 0 && t === TType.I64) out = r.readI64();
    else r.skip(t);
  }
  return out;
}

/** One THeader call (with `authorization` when given); the binary reply payload. */
async function call(port: number, msg: Uint8Array, seqid: number, auth?: string): Promise<Buffer> {
  const c = new RawClient(port);
  try {
    await c.send(theader(msg, seqid, auth === undefined ? {} : { authorization: auth }));
    return theaderPayload((await c.replies(1))[0]!);
  } finally {
    c.close();
  }
}

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: config return rules on scalar results (contract §7)`, () => {
    let gen: GeneratedPeers;
    let server: RunningPeer;
    let gw: Gateway;
    let port: number;

    before(async () => {
      gen = generatePeerCode();
      server = await startPeerServer('python', gen, { protocol: 'compact', transport: 'framed', multiplexed: false });
      port = await freePort();
      gw = await startGateway(io, `upstreams:
  up: { endpoints: ['127.0.0.1:${server.port}'], transport: framed, protocol: compact, timeout_ms: 10000 }
thrift_listeners:
  - { listen: '127.0.0.1:${port}', transport: header, service: interop.Interop, upstream: up }
${pseudoSection(`  rules:
    - { service: interop.Interop, function: echoString, path: s, policy: email }
    - { service: interop.Interop, function: echoString, path: return, policy: email }
    - { service: interop.Interop, function: echoI64, path: v, policy: ids }
    - { service: interop.Interop, function: echoI64, path: return, policy: ids }`)}`, pseudoExtras());
    });
    after(async () => {
      await gw?.stop();
      await server?.stop();
      gen?.remove();
    });

    test('a string result under a return rule is restored for a reidentify caller, the echoed token for others', async () => {
      const restored = decodeReply(await call(port, callMessage('echoString', 1, EMAIL), 1, `Bearer ${AUDITOR}`));
      assert.equal(restored.appError, undefined);
      assert.equal(restored.success, EMAIL);
      const tokens = new Set<string>();
      for (const [i, auth] of [`Bearer ${READER}`, 'Bearer unknown-token', undefined].entries()) {
        const r = decodeReply(await call(port, callMessage('echoString', 2 + i, EMAIL), 2 + i, auth));
        assert.match(r.success ?? '', /^t1\.k1\.[a-z2-7]+$/, `${auth ?? 'no token'}: the pseudonym the backend echoed`);
        tokens.add(r.success!);
      }
      assert.equal(tokens.size, 1, 'deterministic: one pseudonym for one value');
    });

    test('an i64 result under an ff1 return rule is restored for a reidentify caller, the permuted id for others', async () => {
      assert.equal(i64Success(await call(port, echoI64(10, ID), 10, `Bearer ${AUDITOR}`)), ID);
      const other = i64Success(await call(port, echoI64(11, ID), 11, `Bearer ${READER}`));
      assert.notEqual(other, undefined);
      assert.notEqual(other, ID, 'the backend saw (and echoed) the pseudonymized id');
      const m = await gw.metrics();
      assert.match(m, /sluice_pseudonymization_total\{policy="ids",direction="reverse",outcome="transformed"\} [1-9]/);
    });
  });
}
