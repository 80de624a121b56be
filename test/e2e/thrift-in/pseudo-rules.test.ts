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
import { after, before, describe, test } from 'node:test';
import { TType } from '../../../src/thrift/protocol';
import { freePort } from '../../helpers/ports';
import { AUDITOR, IDL, READER, pseudoExtras, pseudoSection, startBackend, type Backend } from '../pseudo/harness';
import { createCall, peopleListenerYaml, replyPerson } from './people-messages';
import {
  BACKENDS, RawClient, framed, startGateway, structArgCall, theader, theaderPayload, type Gateway,
} from '../../interop/thrift-in/gateway';

const TOKEN = /^t1\.k1\.[a-z2-7]+$/;

/** Get(1: GetReq req) or Find(1: FindReq req) as a binary CALL: one struct argument with one field 1. */
function lookup(fn: 'Get' | 'Find', seqid: number, key: bigint | string): Uint8Array {
  return structArgCall(fn, seqid, (w) => {
    if (typeof key === 'bigint') { w.writeFieldBegin(TType.I64, 1); w.writeI64(key); } else { w.writeFieldBegin(TType.STRING, 1); w.writeString(key); }
    w.writeFieldEnd();
  });
}

/** One call through the listener: THeader (with `authorization` when given) or, with auth === undefined, framed. */
async function call(port: number, msg: Uint8Array, seqid: number, auth?: string) {
  const c = new RawClient(port);
  try {
    await c.send(auth === undefined ? framed(msg) : theader(msg, seqid, auth === '' ? {} : { authorization: auth }));
    const f = (await c.replies(1))[0]!;
    return replyPerson(auth === undefined ? f : theaderPayload(f));
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
      gw = await startGateway(io, peopleListenerYaml(backend.port, port) + pseudoSection(`  rules:
    - { service: people.People, function: Create, path: person.name, policy: email }
    - { service: people.People, function: Create, path: return.name, policy: email }
    - { service: people.People, function: Get, path: return.name, policy: email }
    - { service: people.People, function: Create, path: "person.aliases[*]", policy: phone }`), pseudoExtras(IDL));
    });
    after(async () => {
      await gw?.stop();
      await backend?.close();
    });

    test('an argument rule pseudonymizes an unannotated field of its function before the backend sees it', async () => {
      const got = await call(port, createCall(1, { id: 27182818n, name: 'Grace Hopper', email: 'grace@example.com' }), 1);
      const seen = backend.records().at(-1)!;
      assert.equal(seen.fn, 'Create');
      const p = seen.args['person'] as Record<string, unknown>;
      assert.match(String(p['name']), TOKEN, 'the backend saw a siv token for name');
      assert.ok(!JSON.stringify(seen, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('Grace'), 'no plaintext name reached the backend');
      assert.equal(got.name, p['name'], 'a framed caller gets the pseudonym back');
    });

    test('a return rule restores the field for a caller with the reidentify scope; other callers get the pseudonym', async () => {
      const ada = { id: 31415926n, name: 'Ada Lovelace', email: 'ada@example.com' };
      const restored = await call(port, createCall(2, ada), 2, `Bearer ${AUDITOR}`);
      assert.deepEqual([restored.name, restored.email], [ada.name, ada.email]);
      const token = String((backend.records().at(-1)!.args['person'] as Record<string, unknown>)['name']);
      assert.match(token, TOKEN);
      for (const auth of [`Bearer ${READER}`, 'Bearer unknown-token', '', undefined]) {
        const r = await call(port, createCall(3, ada), 3, auth);
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

    test('a list element a rule\'s policy cannot take stops the call, named by its path through the arguments', async () => {
      const before = backend.records().length;
      const r = await call(port, createCall(7, { id: 7n, name: 'Bo', email: 'bo@example.com', aliases: ['+1 555 010 0200', '12'] }), 7);
      assert.match(r.appError ?? '', /pseudonymization_failed: the value of field 'person\.aliases\[1\]' could not be pseudonymized/);
      assert.equal(backend.records().length, before, 'nothing reached the backend');
    });
  });
}
