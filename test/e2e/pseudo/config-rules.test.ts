/**
 * Contract §7 config rules end to end: `pseudonymization.rules` entries `{service, function, path, policy}` cover
 * positions the IDL does not annotate, for that function only. Here `name` (no annotation) is pseudonymized when
 * Create sends it (`person.name`) and restored for authorized callers where Get returns it (`return.name`); Find
 * returns the same struct without a rule, so its callers get the backend's value (the pseudonym) even when
 * authorized. Apache Thrift Python backend, both io backends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, closeClientSockets, send } from '../rest/harness';
import { AUDITOR, READER, startBackend, startGateway, type Backend, type Gateway } from './harness';

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const RULES = `  rules:
    - { service: people.People, function: Create, path: person.name, policy: email }
    - { service: people.People, function: Get, path: return.name, policy: email }
`;

for (const io of BACKENDS) {
  describe(`pseudonymization config rules on ${io}`, () => {
    let backend: Backend;
    let gw: Gateway;

    before(async () => {
      backend = await startBackend();
      gw = await startGateway(io, backend.port, RULES);
    });
    after(async () => {
      await gw?.stop();
      await backend?.close();
      closeClientSockets();
    });

    test('a rule pseudonymizes an unannotated request field of its function only', async () => {
      const r = await send(gw.port, 'POST', '/v1/people', { json: { id: 424242, name: 'Grace Hopper', email: 'grace@example.com' } });
      assert.equal(r.status, 200, r.text);
      const seen = backend.records().at(-1)!;
      assert.equal(seen.fn, 'Create');
      const person = seen.args.person as { name: string; email: string };
      assert.match(person.name, /^t1\.k1\.[a-z2-7]+$/, 'the backend saw a siv token for name');
      assert.ok(!JSON.stringify(seen, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('Grace'), 'no plaintext name reached the backend');
    });

    test('a return rule restores the field for an authorized caller of that function, nobody else', async () => {
      const created = await send(gw.port, 'POST', '/v1/people', { json: { id: 515151, name: 'Alan Turing', email: 'alan@example.com' } });
      assert.equal(created.status, 200, created.text);
      const path = '/v1/people/515151'; // the gateway pseudonymizes the path id the same way it did the created one
      const authorized = await send(gw.port, 'GET', path, { headers: bearer(AUDITOR) });
      assert.equal(authorized.status, 200, authorized.text);
      assert.equal((authorized.json as { name: string }).name, 'Alan Turing');
      const reader = await send(gw.port, 'GET', path, { headers: bearer(READER) });
      assert.match((reader.json as { name: string }).name, /^t1\.k1\./, 'no reidentify scope: the pseudonym');
      // Find returns the same struct, but no rule covers its return: even an authorized caller gets the pseudonym.
      const found = await send(gw.port, 'GET', '/v1/find?email=alan@example.com', { headers: bearer(AUDITOR) });
      assert.equal(found.status, 200, found.text);
      assert.match((found.json as { name: string }).name, /^t1\.k1\./);
      assert.equal((found.json as { email: string }).email, 'alan@example.com', 'annotated fields are still restored');
    });
  });
}
