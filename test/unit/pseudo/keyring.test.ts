import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadKeyring, parseKeyring, parseKeyringText } from '../../../src/pseudo/keyring';
import { SECRET_K1, SECRET_K2 } from './fixtures';

function tmpFile(name: string, text: string): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-keyring-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const yamlRing = `keys:\n  - { id: k1, secret_hex: "${SECRET_K1}" }\n  - { id: k2, secret_hex: "${SECRET_K2}", primary: true }\n`;

test('keyring file (YAML) loads with ids and the primary, relative to the config directory', (t) => {
  const { file, cleanup } = tmpFile('keys.yaml', yamlRing);
  t.after(cleanup);
  const ring = loadKeyring({ path: path.basename(file), baseDir: path.dirname(file), env: {} });
  assert.deepEqual(ring.ids(), ['k1', 'k2']);
  assert.equal(ring.primary.id, 'k2');
  assert.match(ring.get('k1')!.fingerprint(), /^[0-9a-f]{16}$/);
});

test('env SLUICE_KEYRING takes a path or the keyring document itself, and wins over the config path', (t) => {
  const { file, cleanup } = tmpFile('keys.json', JSON.stringify({ keys: [{ id: 'envk', secret_hex: SECRET_K1, primary: true }] }));
  t.after(cleanup);
  assert.equal(loadKeyring({ path: '/nonexistent/keys.yaml', env: { SLUICE_KEYRING: file } }).primary.id, 'envk');
  assert.equal(loadKeyring({ env: { SLUICE_KEYRING: yamlRing } }).primary.id, 'k2');
  assert.equal(loadKeyring({ env: { SLUICE_KEYRING: `{"keys":[{"id":"j1","secret_hex":"${SECRET_K2}"}]}` } }).primary.id, 'j1');
});

test('a ring of one key needs no primary flag; larger rings need exactly one', () => {
  assert.equal(parseKeyring({ keys: [{ id: 'solo', secret_hex: SECRET_K1 }] }, 't').primary.id, 'solo');
  assert.throws(() => parseKeyring({ keys: [{ id: 'a', secret_hex: SECRET_K1 }, { id: 'b', secret_hex: SECRET_K2 }] }, 't'), /exactly one key must be primary: true, found 0/);
  assert.throws(() => parseKeyring({ keys: [{ id: 'a', secret_hex: SECRET_K1, primary: true }, { id: 'b', secret_hex: SECRET_K2, primary: true }] }, 't'), /found 2/);
});

test('keyring validation reports every problem by key id, never the secret', () => {
  const bad = { keys: [
    { id: 'k1', secret_hex: SECRET_K1.slice(0, 40), primary: true },
    { id: 'k1', secret_hex: SECRET_K2 },
    { id: 'Upper', secret_hex: SECRET_K2 + 'zz' },
    { id: 'k3', secret_hex: SECRET_K2, primary: 'yes', extra: SECRET_K1 },
  ], more: 1 };
  assert.throws(() => parseKeyring(bad, 'keys.yaml'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'SLUICE_E_PSEUDO_KEYRING_INVALID');
    for (const part of ["unknown key 'more'", "key 'k1': secret_hex must decode to 32..1024 bytes, got 20", "key 'k1': id is used twice",
      'keys[2]: id must match', "key 'Upper': secret_hex must be a string of hex digit pairs", "key 'k3': primary must be true or false", "keys[3]: unknown key 'extra'"]) {
      assert.ok(err.message.includes(part), `${part} in ${err.message}`);
    }
    assert.ok(!err.message.includes(SECRET_K1.slice(0, 40)) && !err.message.includes(SECRET_K2.slice(0, 16)));
    return true;
  });
});

test('a keyring that is not valid YAML is reported by line:col only, without quoting the text', () => {
  const text = `keys:\n  - { id: k1, secret_hex: "${SECRET_K1}", primary: true\n  - oops: [\n`;
  assert.throws(() => parseKeyringText(text, 'keys.yaml'), (err: Error) => {
    assert.match(err.message, /^keys\.yaml:\d+:\d+: the keyring is not valid YAML or JSON/);
    assert.ok(!err.message.includes(SECRET_K1.slice(0, 12)));
    return true;
  });
});

test('a missing keyring file or no keyring at all is a clear error', () => {
  assert.throws(() => loadKeyring({ path: '/nonexistent/keys.yaml', env: {} }), /\/nonexistent\/keys\.yaml: cannot read the keyring \(ENOENT\)/);
  assert.throws(() => loadKeyring({ env: {} }), /set pseudonymization\.keyring or env SLUICE_KEYRING/);
});
