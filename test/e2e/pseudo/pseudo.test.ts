/**
 * Contract §7 end to end through real sockets (config rules: config-rules.test.ts): a `sluice start` process pseudonymizes REST calls on their way to an
 * Apache Thrift Python backend that records what it received. The backend sees only pseudonyms (siv emails and
 * aliases, ff1 phones with separators in place, ff1 i64 ids, hmac uids) — in bodies, path and query bindings;
 * pseudonyms are stable across calls and both workers; callers whose bearer token has the reidentify scope get the
 * originals back, everyone else gets pseudonyms; a value a policy cannot take fails closed (422, nothing reaches
 * the backend); `on_error: pass` forwards it; a hot reload that rotates the primary key keeps old siv tokens
 * reversible; counters reach /metrics and re-identifications the audit log; a planted keyring secret appears in no
 * log, error, admin response or metric. Both io backends.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, closeClientSockets, envelope, send, type Plain, type Reply } from '../rest/harness';
import { AUDITOR, PLANTED, READER, keyring, startBackend, startGateway, type Backend, type Gateway } from './harness';

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const ADA = { id: 1815, name: 'Ada', email: 'ada@example.com', phone: '+44 (20) 7946-0958', uid: 'ada-1815',
  aliases: ['countess@example.com', 'ada.king@example.com'], pin: '4711' };
type Obj = { [k: string]: Plain };
/** JSON text of a recorded value (i64 beyond 2^53 arrive as bigint). */
const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** A request on a fresh connection (so calls spread over both workers' SO_REUSEPORT listeners). */
function fresh(port: number, method: string, target: string, headers: http.OutgoingHttpHeaders = {}, json?: unknown): Promise<Reply> {
  return send(port, method, target, { headers: { ...headers, connection: 'close' }, ...(json === undefined ? {} : { json }) });
}

function assertPseudonymized(seen: Obj, original: typeof ADA): void {
  assert.match(String(seen.email), /^t1\.k[12]\.[a-z2-7]+$/, 'siv token with its key id');
  assert.notEqual(seen.id, original.id);
  assert.ok(typeof seen.id === 'number' || typeof seen.id === 'bigint', 'an i64 under ff1 stays an integer');
  assert.match(String(seen.phone), /^\+\d\d \(\d\d\) \d{4}-\d{4}$/, 'ff1 keeps the phone format and separators');
  assert.notEqual(seen.phone, original.phone);
  assert.match(String(seen.uid), /^[a-z2-7]+$/, 'hmac in base32');
  assert.equal((seen.aliases as string[]).length, 2);
  for (const a of seen.aliases as string[]) assert.match(a, /^t1\.k[12]\./);
  assert.equal(seen.name, original.name, 'fields without a policy pass unchanged');
  assert.equal(seen.pin, original.pin, 'on_error: pass forwards a value too short for ff1 as it is');
  const text = json(seen);
  for (const secret of [original.email, original.phone, original.uid, ...original.aliases]) assert.ok(!text.includes(secret), secret);
}

for (const io of BACKENDS) {
  describe(`pseudonymization (contract §7) on ${io}`, () => {
    let backend: Backend;
    let gw: Gateway;
    let created: Obj;

    before(async () => {
      backend = await startBackend();
      gw = await startGateway(io, backend.port);
    });
    after(async () => {
      await gw?.stop();
      await backend?.close();
      closeClientSockets();
    });

    test('the backend sees only pseudonyms; anonymous and unauthorized callers get pseudonyms back', async () => {
      const r = await send(gw.port, 'POST', '/v1/people', { json: ADA });
      assert.equal(r.status, 200, r.text);
      const seen = backend.records().at(-1)!;
      assert.equal(seen.fn, 'Create');
      created = seen.args.person as Obj;
      assertPseudonymized(created, ADA);
      assert.deepEqual(r.json, created, 'an anonymous caller gets exactly what the backend returned');
      const reader = await send(gw.port, 'POST', '/v1/people', { json: ADA, headers: bearer(READER) });
      assert.deepEqual(reader.json, created, 'a token without the reidentify scope gets pseudonyms');
      const wrong = await send(gw.port, 'POST', '/v1/people', { json: ADA, headers: bearer('not-a-token') });
      assert.deepEqual(wrong.json, created);
    });

    test('pseudonyms are stable across calls and across both workers', async () => {
      const before = backend.records().length;
      const replies = await Promise.all(Array.from({ length: 8 }, () => fresh(gw.port, 'POST', '/v1/people', {}, ADA)));
      for (const r of replies) assert.equal(r.status, 200, r.text);
      const seen = backend.records().slice(before).map((x) => json(x.args.person));
      assert.equal(seen.length, 8);
      assert.deepEqual(new Set(seen), new Set([json(created)]));
    });

    test('a caller with the reidentify scope gets the originals back (one-way hmac stays a pseudonym)', async () => {
      const r = await send(gw.port, 'POST', '/v1/people', { json: ADA, headers: bearer(AUDITOR) });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { ...ADA, uid: created.uid });
    });

    test('path and query bindings are pseudonymized too, and lookups by them work', async () => {
      const byId = await send(gw.port, 'GET', `/v1/people/${ADA.id}`, { headers: bearer(AUDITOR) });
      assert.equal(byId.status, 200, byId.text);
      assert.deepEqual(byId.json, { ...ADA, uid: created.uid });
      assert.deepEqual(backend.records().at(-1)!.args.req, { id: created.id });
      const byEmail = await send(gw.port, 'GET', `/v1/find?email=${encodeURIComponent(ADA.email)}`);
      assert.equal(byEmail.status, 200, byEmail.text);
      assert.deepEqual(byEmail.json, created);
      assert.deepEqual(backend.records().at(-1)!.args.req, { email: created.email });
    });

    test('a value a fail-closed policy cannot take: 422 pseudonymization_failed naming the field, nothing forwarded', async () => {
      const before = backend.records().length;
      const r = await send(gw.port, 'POST', '/v1/people', { json: { ...ADA, phone: '+1 23' } });
      assert.equal(r.status, 422, r.text);
      const e = envelope(r);
      assert.equal(e.code, 'pseudonymization_failed');
      assert.equal(e.field, 'phone');
      assert.ok(!r.text.includes('+1 23') && !r.text.includes('123'), 'the value is never echoed');
      const q = await send(gw.port, 'GET', '/v1/people/12');
      assert.equal(q.status, 404, 'an i64 always fits ff1 over its bits: the lookup reached the backend, which knows no such id');
      assert.equal(envelope(q).code, 'people.NotFound');
      assert.equal(backend.records().length, before + 1, 'only the valid call reached the backend');
    });

    test('a tampered token is never restored for an authorized caller (422), and is passed through for others', async () => {
      const tamper = { ...ADA, id: 4242, name: 'tamper' };
      const anon = await send(gw.port, 'POST', '/v1/people', { json: tamper });
      assert.equal(anon.status, 200, anon.text);
      const forged = String((anon.json as Obj).email);
      assert.notEqual(forged, created.email, 'the backend answered with a forged token');
      const auth = await send(gw.port, 'POST', '/v1/people', { json: tamper, headers: bearer(AUDITOR) });
      assert.equal(auth.status, 422, auth.text);
      const e = envelope(auth);
      assert.equal(e.code, 'pseudonymization_failed');
      assert.equal(e.field, 'email');
      for (const leak of [ADA.email, forged]) assert.ok(!auth.text.includes(leak), 'neither plaintext nor token echoed');
    });

    test('counters reach /metrics and re-identifications the audit log; never values', async () => {
      const m = await send(gw.adminPort, 'GET', '/metrics');
      assert.equal(m.status, 200);
      const value = (policy: string, direction: string, outcome: string) => {
        const line = m.text.split('\n').find((l) => l.startsWith(`sluice_pseudonymization_total{policy="${policy}",direction="${direction}",outcome="${outcome}"}`));
        return line ? Number(line.split(' ').at(-1)) : 0;
      };
      assert.ok(value('email', 'forward', 'transformed') >= 30, m.text);
      assert.ok(value('email', 'reverse', 'transformed') >= 3);
      assert.ok(value('pin', 'forward', 'passed_on_error') >= 10);
      assert.ok(value('phone', 'forward', 'rejected') >= 1);
      assert.ok(value('ids', 'forward', 'transformed') >= 10);
      await gw.proc.waitFor(/sluice: audit \{"event":"pseudo\.reidentify","caller":"auditor","route":"[^"]+","policy":"email","count":3\}/, 5000);
      // Two re-identifying requests so far (POST and GET by the auditor), each restoring email, phone and id values:
      // one line per request and policy, drained about once a second.
      const audits = () => gw.proc.output().split('\n').filter((l) => l.includes('pseudo.reidentify'));
      for (let i = 0; i < 50 && audits().length < 6; i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(audits().length >= 6, audits().join('\n'));
      for (const policy of ['email', 'phone', 'ids']) assert.ok(audits().some((a) => a.includes(`"policy":"${policy}"`)), policy);
      for (const a of audits()) for (const secret of [ADA.email, ADA.phone, AUDITOR, String(created.email)]) assert.ok(!a.includes(secret), a);
    });

    test('a hot reload that rotates the primary key keeps old siv tokens reversible; new tokens carry the new key', async () => {
      fs.writeFileSync(path.join(gw.dir, 'keys.yaml'), keyring(true));
      const put = await send(gw.adminPort, 'PUT', '/v1/policies/email', { json: { method: 'siv', domain: 'email' }, headers: bearer(AUDITOR) });
      assert.equal(put.status, 200, put.text);
      await gw.proc.waitFor(new RegExp(`config version ${(put.json as { version: number }).version} applied`), 10000);
      const old = await send(gw.port, 'GET', `/v1/people/${ADA.id}`, { headers: bearer(AUDITOR) });
      assert.equal(old.status, 200, old.text);
      assert.equal((old.json as Obj).email, ADA.email, 'a k1 token still opens after k2 became primary');
      const grace = { ...ADA, id: 1906, email: 'grace@example.com' };
      const r = await send(gw.port, 'POST', '/v1/people', { json: grace, headers: bearer(AUDITOR) });
      assert.equal(r.status, 200, r.text);
      const seen = backend.records().at(-1)!.args.person as Obj;
      assert.match(String(seen.email), /^t1\.k2\./);
      assert.equal(seen.phone, created.phone, 'ff1 pinned to k1 is unchanged by the rotation');
      assert.equal((r.json as Obj).email, grace.email);
    });

    test('the planted keyring secret appears in no log, error, admin response or metric', async () => {
      const bodies: string[] = [];
      for (const p of ['/v1/policies', '/v1/versions', '/v1/versions/1', '/v1/versions/2', '/v1/upstreams', '/v1/routes']) {
        const r = await send(gw.adminPort, 'GET', p, { headers: bearer(AUDITOR) });
        bodies.push(r.text);
      }
      bodies.push((await send(gw.adminPort, 'GET', '/metrics')).text);
      bodies.push((await send(gw.adminPort, 'POST', '/v1/validate', { json: { pseudonymization: { keyring: './nope.yaml', policies: { x: { method: 'siv' } } } }, headers: bearer(AUDITOR) })).text);
      bodies.push((await send(gw.port, 'POST', '/v1/people', { json: { ...ADA, phone: '1' } })).text);
      bodies.push(gw.proc.output());
      const planted = PLANTED.toLowerCase();
      for (const b of bodies) {
        assert.ok(!b.toLowerCase().includes(planted), `secret leaked: ${b.slice(0, 200)}`);
        assert.ok(!b.includes(AUDITOR) && !b.includes(READER), 'no bearer token either');
      }
    });
  });
}
