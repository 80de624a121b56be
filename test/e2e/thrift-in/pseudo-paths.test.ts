/**
 * How a Thrift listener names a value a fail-closed policy rejects (contract §6's `field`, for Thrift callers): by
 * its path through the call's arguments, with `[i]` for list and set elements, `.key` for map values under plain
 * string or integer keys and `{key}` when the key itself failed. The interop IDL's nested containers carry config
 * rules with the ff1 phone policy, which rejects values shorter than six digits. Nothing is forwarded, so the
 * upstream is a port nobody listens on: a forwarded call would come back as an upstream error instead. Both io
 * backends.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import { pseudoExtras, pseudoSection } from '../pseudo/harness';
import { BACKENDS, RawClient, decodeReply, framed, startGateway, structArgCall, INTEROP_IDL, type Gateway } from '../../interop/thrift-in/gateway';

const OK = '+1 555 010 0200';

/** echoKitchen(1: Kitchen k) with only `names` (12: set<string>) and `nested` (13: map<string, list<map<i32, Xtruct>>>). */
function echoKitchen(seqid: number, names: string[], nested: Record<string, Array<Array<[number, string]>>>): Uint8Array {
  return structArgCall('echoKitchen', seqid, (w) => {
    w.writeFieldBegin(TType.SET, 12);
    w.writeSetBegin(TType.STRING, names.length);
    for (const n of names) w.writeString(n);
    w.writeFieldEnd();
    w.writeFieldBegin(TType.MAP, 13);
    w.writeMapBegin(TType.STRING, TType.LIST, Object.keys(nested).length);
    for (const [key, list] of Object.entries(nested)) {
      w.writeString(key);
      w.writeListBegin(TType.MAP, list.length);
      for (const m of list) {
        w.writeMapBegin(TType.I32, TType.STRUCT, m.length);
        for (const [k, s] of m) {
          w.writeI32(k);
          w.writeStructBegin();
          w.writeFieldBegin(TType.STRING, 1); w.writeString(s); w.writeFieldEnd();
          w.writeFieldStop();
          w.writeStructEnd();
        }
      }
    }
    w.writeFieldEnd();
  });
}

/** A gateway whose framed binary listener on `port` pseudonymizes echoKitchen's `rules` paths with the phone policy. */
async function listenerGateway(io: (typeof BACKENDS)[number], port: number, rules: string[]): Promise<Gateway> {
  const nobody = await freePort();
  return startGateway(io, `upstreams:
  interop: { endpoints: ['127.0.0.1:${nobody}'], transport: framed, protocol: binary }
thrift_listeners:
  - { listen: '127.0.0.1:${port}', transport: framed, protocol: binary, service: interop.Interop, upstream: interop }
` + pseudoSection(`  rules:
${rules.map((r) => `    - { service: interop.Interop, function: echoKitchen, path: "${r}", policy: phone }`).join('\n')}`), pseudoExtras(INTEROP_IDL));
}

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: a rejected value is named by its path through the arguments`, () => {
    let gw: Gateway;
    let port: number;

    before(async () => {
      port = await freePort();
      gw = await listenerGateway(io, port, ['k.names[*]', 'k.nested{value}[*]{value}.string_thing']);
    });
    after(async () => {
      await gw?.stop();
    });

    async function failure(msg: Uint8Array, at = port): Promise<string> {
      const c = new RawClient(at);
      try {
        await c.send(framed(msg));
        const reply = decodeReply((await c.replies(1))[0]!);
        assert.ok(reply.appError, 'a TApplicationException');
        assert.equal(reply.appError.type, 6, 'INTERNAL_ERROR');
        return /field '([^']*)'/.exec(reply.appError.message)?.[1] ?? reply.appError.message;
      } finally {
        c.close();
      }
    }

    test('a set element: its index', async () => {
      assert.equal(await failure(echoKitchen(1, [OK, '12'], {})), 'k.names[1]');
    });

    test('a value deep in maps and lists: string and integer keys as written, list indexes', async () => {
      const nested = { '5550100200': [[[1, OK]], [[7, OK], [42, '12']]] as Array<Array<[number, string]>> };
      assert.equal(await failure(echoKitchen(2, [OK], nested)), 'k.nested.5550100200[1].42.string_thing');
    });

    test('a map key that fails is named as the key side of its map; keys under a policy are never shown', async () => {
      const keyed = await freePort();
      const other = await listenerGateway(io, keyed, ['k.nested{key}', 'k.nested{value}[*]{value}.string_thing']);
      try {
        assert.equal(await failure(echoKitchen(3, [OK], { '12': [] }), keyed), 'k.nested{key}');
        const nested = { '5550100200': [[[42, '12']]] as Array<Array<[number, string]>> };
        assert.equal(await failure(echoKitchen(4, [OK], nested), keyed), 'k.nested{value}[0].42.string_thing');
      } finally {
        await other.stop();
      }
    });
  });
}
