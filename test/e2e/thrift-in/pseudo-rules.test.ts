/**
 * Config rules `{service, function, path, policy}` (contract §7) on a Thrift listener (§8), with the
 * pseudonymization suite's IDL and Apache Thrift Python backend (test/e2e/pseudo/fixtures: records what it
 * receives; Create returns the person as received, Get returns the stored person by id). `name` has no `pseudo=`
 * annotation: a rule pseudonymizes it where Create sends it (`person.name`), and `return.name` rules restore it in
 * Create's and Get's replies — only for THeader callers whose `authorization` token has the reidentify scope, exactly
 * as on REST routes. Find returns the same struct without a rule: its callers get the backend's value (the
 * pseudonym) even when authorized. Both io backends.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { BinaryReader, BinaryWriter, MessageType, TType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import { AUDITOR, IDL, READER, keyring, startBackend, type Backend } from '../pseudo/harness';
import {
  BACKENDS, RawClient, decodeReply, framed, startGateway, theader, theaderPayload, type Gateway,
} from '../../interop/thrift-in/gateway';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const TOKEN = /^t1\.k1\.[a-z2-7]+$/;

/** Create(1: Person person) as a binary CALL. */
function create(seqid: number, p: { id: bigint; name: string; email: string }): Uint8Array {
  const w = new BinaryWriter();
  w.writeMessageBegin('Create', MessageType.CALL, seqid);
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRUCT, 1);
  w.writeStructBegin();
  w.writeFieldBegin(TType.I64, 1); w.writeI64(p.id); w.writeFieldEnd();
  w.writeFieldBegin(TType.STRING, 2); w.writeString(p.name); w.writeFieldEnd();
  w.writeFieldBegin(TType.STRING, 3); w.writeString(p.email); w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish();
}

/** Get(1: GetReq req) or Find(1: FindReq req) as a binary CALL: one struct argument with one field 1. */
function lookup(fn: 'Get' | 'Find', seqid: number, key: bigint | string): Uint8Array {
  const w = new BinaryWriter();
  w.writeMessageBegin(fn, MessageType.CALL, seqid);
  w.writeStructBegin();
  w.writeFieldBegin(TType.STRUCT, 1);
  w.writeStructBegin();
  if (typeof key === 'bigint') { w.writeFieldBegin(TType.I64, 1); w.writeI64(key); } else { w.writeFieldBegin(TType.STRING, 1); w.writeString(key); }
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeFieldEnd();
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish();
}

/** The Person in a reply (field 0), or the TApplicationException's message. */
function person(payload: Uint8Array): { name?: string; email?: string; appError?: string } {
  const r = new BinaryReader(payload);
  const h = r.readMessageBegin();
  if (h.type === MessageType.EXCEPTION) return { appError: decodeReply(payload).appError!.message };
  const out: { name?: string; email?: string } = {};
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    if (r.fieldId !== 0 || t !== TType.STRUCT) { r.skip(t); continue; }
    r.readStructBegin();
    for (let u = r.readFieldBegin(); u !== TType.STOP; u = r.readFieldBegin()) {
      const id: number = r.fieldId;
      if (id === 2 && u === TType.STRING) out.name = r.readString();
      else if (id === 3 && u === TType.STRING) out.email = r.readString();
      else r.skip(u);
    }
  }
  return out;
}

/** One call through the listener: THeader (with `authorization` when given) or, with auth === undefined, framed. */
async function call(port: number, msg: Uint8Array, seqid: number, auth?: string) {
  const c = new RawClient(port);
  try {
    await c.send(auth === undefined ? framed(msg) : theader(msg, seqid, auth === '' ? {} : { authorization: auth }));
    const f = (await c.replies(1))[0]!;
    return person(auth === undefined ? f : theaderPayload(f));
  } finally {
    c.close();
  }
}

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: pseudonymization config rules (contract §7)`, () => {
    let backend: Backend;
    let gw: Gateway;
    let port: number;

    before(async () => {
      backend = await startBackend();
      port = await freePort();
      gw = await startGateway(io, `upstreams:
  people: { endpoints: ['127.0.0.1:${backend.port}'], transport: framed, protocol: binary }
thrift_listeners:
  - { listen: '127.0.0.1:${port}', transport: header, service: people.People, upstream: people }
pseudonymization:
  keyring: ./keys.yaml
  reidentify_scope: reidentify
  policies:
    email: { method: siv, domain: email }
    phone: { method: ff1, format: phone, key: k1 }
    ids:   { method: ff1, radix: 10, key: k1 }
    uid:   { method: hmac, domain: uid, encoding: base32, key: k1 }
    pin:   { method: ff1, alphabet: "0123456789", on_error: pass, key: k1 }
  rules:
    - { service: people.People, function: Create, path: person.name, policy: email }
    - { service: people.People, function: Create, path: return.name, policy: email }
    - { service: people.People, function: Get, path: return.name, policy: email }
`, {
        idl: IDL,
        env: { SLUICE_KEYRING: '' },
        files: { 'keys.yaml': keyring(false) },
        adminYaml: `  tokens:
    - { name: auditor, sha256: "${sha(AUDITOR)}", scopes: [read, write, reidentify] }
    - { name: reader, sha256: "${sha(READER)}", scopes: [read, write] }`,
      });
    });
    after(async () => {
      await gw?.stop();
      await backend?.close();
    });

    test('an argument rule pseudonymizes an unannotated field of its function before the backend sees it', async () => {
      const got = await call(port, create(1, { id: 27182818n, name: 'Grace Hopper', email: 'grace@example.com' }), 1);
      const seen = backend.records().at(-1)!;
      assert.equal(seen.fn, 'Create');
      const p = seen.args['person'] as Record<string, unknown>;
      assert.match(String(p['name']), TOKEN, 'the backend saw a siv token for name');
      assert.ok(!JSON.stringify(seen, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('Grace'), 'no plaintext name reached the backend');
      assert.equal(got.name, p['name'], 'a framed caller gets the pseudonym back');
    });

    test('a return rule restores the field for a caller with the reidentify scope; other callers get the pseudonym', async () => {
      const ada = { id: 31415926n, name: 'Ada Lovelace', email: 'ada@example.com' };
      const restored = await call(port, create(2, ada), 2, `Bearer ${AUDITOR}`);
      assert.deepEqual([restored.name, restored.email], [ada.name, ada.email]);
      const token = String((backend.records().at(-1)!.args['person'] as Record<string, unknown>)['name']);
      assert.match(token, TOKEN);
      for (const auth of [`Bearer ${READER}`, 'Bearer unknown-token', '', undefined]) {
        const r = await call(port, create(3, ada), 3, auth);
        assert.equal(r.name, token, `${auth ?? 'framed'}: the name as the backend sent it`);
      }
      // Get's result carries its own return rule: the stored person (found by the pseudonymized id) comes back restored.
      const got = await call(port, lookup('Get', 4, ada.id), 4, `Bearer ${AUDITOR}`);
      assert.deepEqual([got.name, got.email], [ada.name, ada.email]);
      assert.equal((await call(port, lookup('Get', 5, ada.id), 5, `Bearer ${READER}`)).name, token);
      await gw.proc.waitFor(/"event":"pseudo\.reidentify","caller":"auditor","route":"thrift listener 127\.0\.0\.1:\d+ Get","policy":"email","count":2/, 5000);
    });

    test('a function without a return rule leaves the field as the backend sent it, even for an authorized caller', async () => {
      const found = await call(port, lookup('Find', 6, 'ada@example.com'), 6, `Bearer ${AUDITOR}`);
      assert.equal(found.appError, undefined);
      assert.match(found.name ?? '', TOKEN);
      assert.equal(found.email, 'ada@example.com', 'annotated fields are still restored');
    });
  });
}
