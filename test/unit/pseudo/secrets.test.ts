/**
 * Plants a secret key and a secret plaintext, drives every error path and every printable object of
 * the pseudonymization layer, and greps all of it for the secret, its derived subkeys and the value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilePolicySet } from '../../../src/pseudo/policy';
import { applyForward, applyForwardInteger, applyReverse, tryForward, tryReverse } from '../../../src/pseudo/apply';
import { loadKeyring, parseKeyring, parseKeyringText } from '../../../src/pseudo/keyring';
import { deriveSubkey } from '../../../src/pseudo/derive';
import { outcomeCounts, formatReidentificationAudit } from '../../../src/pseudo/counters';
import { runPseudoCommand } from '../../../src/pseudo/cli-command';

const PLANTED = 'deadbeefcafef00d0badc0de5ec2e7ab'.repeat(2);
const PLAIN = 'victim.person@private.example';

test('no error message, log-able object, description, count or audit line contains the planted key, its subkeys or the value', (t) => {
  const outputs: string[] = [];
  const capture = (f: () => unknown) => {
    try {
      const r = f();
      outputs.push(typeof r === 'string' ? r : inspect(r, { depth: 8, showHidden: true }), JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)) ?? '');
    } catch (err) {
      outputs.push(String(err), inspect(err, { depth: 8, showHidden: true }), JSON.stringify(err) ?? '');
    }
  };
  const keys = { keys: [{ id: 'planted', secret_hex: PLANTED, primary: true }] };
  const ring = parseKeyring(keys, 'planted.yaml');
  const section = { policies: {
    s: { method: 'siv', email: true }, f: { method: 'ff1', format: 'phone' }, h: { method: 'hmac' }, fp: { method: 'ff1', radix: 10, on_error: 'pass' },
  } };
  const set = compilePolicySet(section, { keyring: ring });
  const subkeys = [deriveSubkey(ring.primary, 'siv', 's'), deriveSubkey(ring.primary, 'ff1', 'f'), deriveSubkey(ring.primary, 'hmac', 'h')];

  // 1. Printable objects.
  capture(() => ring);
  capture(() => ring.primary);
  capture(() => set);
  capture(() => set.get('s'));
  capture(() => set.describe());
  // 2. Keyring errors with the secret next to the broken part.
  capture(() => parseKeyring({ keys: [{ id: 'BAD', secret_hex: PLANTED, primary: 'no' }] }, 'k'));
  capture(() => parseKeyring({ keys: [{ id: 'a', secret_hex: PLANTED + 'x' }] }, 'k'));
  capture(() => parseKeyring({ keys: [{ id: 'a', secret_hex: PLANTED, primary: true, note: PLANTED }] }, 'k'));
  capture(() => parseKeyringText(`keys: [{id: a, secret_hex: ${PLANTED}, primary: true}`, 'k'));
  capture(() => parseKeyringText(`keys:\n - id: a\n   secret_hex: "${PLANTED}\n`, 'k'));
  capture(() => loadKeyring({ env: { SLUICE_KEYRING: `{keys: [{id: a, secret_hex: ${PLANTED}` } }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-secret-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'keys.yaml'), `keys: [{id: a, secret_hex: "${PLANTED}", primary: true}, {id: a, secret_hex: "${PLANTED}"}]`);
  capture(() => loadKeyring({ path: 'keys.yaml', baseDir: dir, env: {} }));
  // 3. Config errors.
  capture(() => compilePolicySet({ policies: { x: { method: 'siv', key: 'nope', secret_hex: PLANTED } } }, { keyring: ring }));
  capture(() => compilePolicySet({ policies: { x: { method: 'hmac', key: 'missing' } } }, { keyring: ring }));
  // 4. Transform outcomes and failures in both directions.
  const token = applyForward(set.get('s')!, PLAIN);
  capture(() => applyReverse(set.get('s')!, token.replace('@', 'x@')));
  capture(() => applyReverse(set.get('s')!, PLAIN));
  capture(() => applyForward(set.get('f')!, PLAIN));
  capture(() => applyForward(set.get('f')!, '12'));
  // on_error: pass hands the value back as the field's value (that is its job); the rest must be value-free.
  capture(() => { const { value, ...rest } = tryForward(set.get('fp')!, PLAIN); assert.equal(value, PLAIN); return rest; });
  capture(() => tryReverse(set.get('s')!, 't1.planted.' + 'a'.repeat(40)));
  capture(() => applyForwardInteger(set.get('s')!, 5n, 'i64'));
  capture(() => applyForward(set.get('h')!, PLAIN));
  // 5. CLI command errors with the planted key.
  capture(() => runPseudoCommand({ action: 'encrypt', method: 'siv', keyHex: PLANTED.slice(2), ad: [], hexInput: false, native: false, value: '00' }));
  capture(() => runPseudoCommand({ action: 'encrypt', method: 'ff1', keyHex: PLANTED, radix: '10', ad: [], hexInput: false, native: false, value: '123' }));
  capture(() => runPseudoCommand({ action: 'decrypt', method: 'siv', keyHex: PLANTED, ad: [], hexInput: false, native: false, value: '00'.repeat(20) }));
  // 6. Counters and audit lines.
  capture(() => outcomeCounts());
  capture(() => formatReidentificationAudit({ caller: 'ops', route: 'GET /people/:id', policy: 's', count: 3 }));

  assert.ok(outputs.length > 40);
  const secrets = [PLANTED, PLANTED.slice(0, 24), PLANTED.slice(2, 26), PLANTED.toUpperCase().slice(0, 24),
    ...subkeys.flatMap((k) => [k.toString('hex').slice(0, 24), k.toString('base64').slice(0, 16)]), Buffer.from(PLANTED, 'hex').toString('base64').slice(0, 16)];
  // util.inspect prints Buffers as spaced hex (`<Buffer de ad be ef ...>`).
  const spaced = (hex: string) => hex.slice(0, 16).match(/../g)!.join(' ');
  secrets.push(spaced(PLANTED), ...subkeys.map((k) => spaced(k.toString('hex'))));
  for (const out of outputs) {
    for (const s of secrets) assert.ok(!out.includes(s), `secret material leaked into: ${out.slice(0, 300)}`);
    assert.ok(!out.includes(PLAIN) && !out.includes('victim.person'), `plaintext leaked into: ${out.slice(0, 300)}`);
  }
});
