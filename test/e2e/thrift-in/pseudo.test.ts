/**
 * Pseudonymization on Thrift listeners (contract §7, §8), with the pseudonymization suite's IDL and Apache Thrift
 * Python backend (test/e2e/pseudo/fixtures: `pseudo=` annotations on Person, a backend that records what it
 * receives and returns the person as received). The listener is `transport: header`; the upstream speaks framed
 * binary. The backend must only ever see pseudonyms; replies are restored only for THeader callers whose
 * `authorization` info key carries a token with the reidentify scope; fields without a policy pass untouched;
 * a value a fail-closed policy cannot take stops the call. Both io backends.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../../helpers/ports';
import { AUDITOR, IDL, READER, pseudoExtras, pseudoSection, startBackend, type Backend } from '../pseudo/harness';
import { createCall, peopleListenerYaml, replyPerson } from './people-messages';
import {
  BACKENDS, RawClient, framed, startGateway, theader, theaderPayload, type Gateway,
} from '../../interop/thrift-in/gateway';

const ADA = { id: 31415926n, name: 'Ada Lovelace', email: 'ada@example.com' };

async function roundTrip(port: number, bytes: Buffer, header: boolean) {
  const c = new RawClient(port);
  try {
    await c.send(bytes);
    const f = (await c.replies(1))[0]!;
    return replyPerson(header ? theaderPayload(f) : f);
  } finally {
    c.close();
  }
}

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: pseudonymization (contract §7)`, () => {
    let backend: Backend;
    let gw: Gateway;
    let port: number;

    before(async () => {
      backend = await startBackend();
      port = await freePort();
      gw = await startGateway(io, peopleListenerYaml(backend.port, port) + pseudoSection(), pseudoExtras(IDL));
    });
    after(async () => {
      await gw?.stop();
      await backend?.close();
    });

    test('the backend sees only pseudonyms; a framed caller gets them back, unannotated fields untouched', async () => {
      const got = await roundTrip(port, framed(createCall(1, ADA)), false);
      const seen = backend.records().at(-1)!.args['person'] as Record<string, unknown>;
      assert.notEqual(String(seen['email']), ADA.email);
      assert.notEqual(String(seen['id']), String(ADA.id));
      assert.equal(seen['name'], ADA.name);
      assert.deepEqual([got.email, String(got.id), got.name], [String(seen['email']), String(seen['id']), ADA.name]);
    });

    test('a THeader caller with the reidentify scope gets the values restored; other tokens do not', async () => {
      const restored = await roundTrip(port, theader(createCall(2, ADA), 2, { authorization: `Bearer ${AUDITOR}` }), true);
      assert.deepEqual([restored.email, restored.id, restored.name], [ADA.email, ADA.id, ADA.name]);
      for (const auth of [`Bearer ${READER}`, 'Bearer unknown-token']) {
        const r = await roundTrip(port, theader(createCall(3, ADA), 3, { authorization: auth }), true);
        assert.ok(r.email !== undefined && r.email !== ADA.email, auth);
      }
      const noHeader = await roundTrip(port, theader(createCall(4, ADA), 4), true);
      assert.notEqual(noHeader.email, ADA.email);
      // One audit line per re-identifying call and policy: who, where, which policy, how many values; never a value.
      await gw.proc.waitFor(/"event":"pseudo\.reidentify","caller":"auditor","route":"thrift listener 127\.0\.0\.1:\d+ Create","policy":"email","count":1/, 5000);
    });

    test('a value a fail-closed policy cannot take stops the call: INTERNAL_ERROR naming its argument path, nothing forwarded', async () => {
      const before = backend.records().length;
      const r = await roundTrip(port, framed(createCall(5, { ...ADA, phone: '12' })), false);
      assert.match(r.appError ?? '', /pseudonymization_failed: the value of field 'person\.phone' could not be pseudonymized/);
      assert.ok(!(r.appError ?? '').includes('12'), 'the value is never echoed');
      assert.equal(backend.records().length, before);
    });

    test('a reply value that cannot be restored for an authorized caller fails closed, naming it as return.<field>', async () => {
      // The backend forges the email token when the name is "tamper": the restore fails; the pseudonym is not sent either.
      const r = await roundTrip(port, theader(createCall(6, { ...ADA, id: 6n, name: 'tamper' }), 6, { authorization: `Bearer ${AUDITOR}` }), true);
      assert.match(r.appError ?? '', /pseudonymization_failed: the value of field 'return\.email' could not be re-identified/);
      assert.equal(r.email, undefined);
    });

    test('outcomes are counted per policy and direction; no value or token in metrics or logs', async () => {
      const m = await gw.metrics();
      assert.match(m, /sluice_pseudonymization_total\{policy="email",direction="forward",outcome="transformed"\} [1-9]/);
      assert.match(m, /sluice_pseudonymization_total\{policy="email",direction="reverse",outcome="transformed"\} [1-9]/);
      const logs = gw.proc.output();
      for (const s of [ADA.email, AUDITOR, READER]) assert.ok(!m.includes(s) && !logs.includes(s), s);
    });
  });
}
