/**
 * Issue 9 §6: no secret in logs, metrics, errors or admin responses. Starts the real gateway (`sluice start`)
 * with a planted admin token (env SLUICE_ADMIN_TOKEN) and a planted pseudonymization keyring secret, drives
 * every admin endpoint (successes and failures), GET /metrics, data-plane errors, then greps every byte of
 * stdout, stderr, HTTP bodies and headers for the secrets in plain, hex, base64 and base64url forms.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfigText } from '../../../src/config/load';
import { freePort, waitForPort } from '../../helpers/ports';
import { spawnSluice, type SluiceProcess } from '../../helpers/sluice-process';

// Fresh per run, so a hit can only come from this run's leak.
const TOKEN = `tok-${randomBytes(24).toString('hex')}`;
const KEY = randomBytes(32);
const NEAR_MISS_TOKEN = TOKEN.slice(0, -4) + 'XXXX';

/** Every spelling of a secret that could plausibly reach an output. */
function forms(): Array<[string, string]> {
  const t = Buffer.from(TOKEN);
  return [
    ['token', TOKEN],
    ['token base64', t.toString('base64')],
    ['near-miss token sent by the test', NEAR_MISS_TOKEN],
    ['key hex', KEY.toString('hex')],
    ['key HEX', KEY.toString('hex').toUpperCase()],
    ['key base64', KEY.toString('base64')],
    ['key base64url', KEY.toString('base64url')],
    ['key hex prefix (16 digits)', KEY.toString('hex').slice(0, 16)],
  ];
}

describe('planted secrets never leave the gateway', () => {
  let dir: string;
  let proc: SluiceProcess;
  let listen: number;
  let admin: number;
  /** Everything the gateway sent us: status lines, headers and bodies. */
  const seen: string[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-e2e-security-'));
    listen = await freePort();
    admin = await freePort();
    fs.writeFileSync(path.join(dir, 'keys.yaml'), `keys:\n  - { id: k1, secret_hex: "${KEY.toString('hex')}", primary: true }\n`);
    fs.writeFileSync(path.join(dir, 'sluice.yaml'), `listen: 127.0.0.1:${listen}
workers: 1
admin:
  listen: 127.0.0.1:${admin}
store: { kind: sqlite, path: ${path.join(dir, 'store.db')} }
idl: []
routes:
  - { id: web, method: "*", path: /web/*rest, proxy: { upstream_http: ['127.0.0.1:9'] } }
pseudonymization:
  keyring: ./keys.yaml
  policies:
    email: { method: siv, domain: email }
    uid: { method: hmac, domain: uid, encoding: base32 }
`);
    proc = spawnSluice(['start', '--config', path.join(dir, 'sluice.yaml')], { env: { SLUICE_ADMIN_TOKEN: TOKEN }, cwd: dir });
    await proc.waitFor(/io_backend=/, 30000);
    await waitForPort(admin, 20000);
  });

  after(async () => {
    await proc?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call(port: number, method: string, url: string, opts: { token?: string; body?: string; type?: string } = {}): Promise<number> {
    const headers: Record<string, string> = {};
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = opts.type ?? 'application/json';
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers, body: opts.body }).catch((e: Error) => {
      throw new Error(`${method} ${url}: ${String((e as { cause?: unknown }).cause ?? e)}; gateway output:\n${proc.output()}`);
    });
    const text = await res.text();
    seen.push(`${method} ${url} -> ${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
    return res.status;
  }

  test('every admin endpoint, success and failure, answers without a secret', async () => {
    const T = TOKEN;
    const statuses: number[] = [];
    const go = async (m: string, u: string, o: { token?: string; body?: string; type?: string } = {}) => statuses.push(await call(admin, m, u, o));
    await go('GET', '/healthz');
    await go('GET', '/readyz');
    await go('GET', '/metrics');
    await go('GET', '/v1/routes');                          // 401: no token
    await go('GET', '/v1/routes', { token: NEAR_MISS_TOKEN }); // 401: wrong token, must not be echoed
    await go('GET', '/v1/routes', { token: T });
    await go('GET', '/v1/routes/web', { token: T });
    await go('GET', '/v1/routes/nope', { token: T });
    await go('PUT', '/v1/routes/r2', { token: T, body: JSON.stringify({ method: 'GET', path: '/r2', proxy: { upstream_http: ['127.0.0.1:9'] } }) });
    await go('PUT', '/v1/routes/bad', { token: T, body: '{"method": "GET", "path": 42}' });
    await go('PUT', '/v1/routes/bad', { token: T, body: '{not json' });
    await go('DELETE', '/v1/routes/r2', { token: T });
    await go('DELETE', '/v1/routes/never-was', { token: T });
    await go('GET', '/v1/idl', { token: T });
    await go('PUT', '/v1/idl/x.thrift', { token: T, body: 'namespace js x\nstruct S { 1: string email (pseudo="email") }\n', type: 'text/plain' });
    await go('GET', '/v1/idl/x.thrift', { token: T });
    await go('PUT', '/v1/idl/broken.thrift', { token: T, body: 'struct {{{', type: 'text/plain' });
    await go('DELETE', '/v1/idl/x.thrift', { token: T });
    await go('GET', '/v1/idl/missing.thrift', { token: T });
    await go('GET', '/v1/upstreams', { token: T });
    await go('PUT', '/v1/upstreams/web2', { token: T, body: JSON.stringify({ endpoints: ['127.0.0.1:10'] }) });
    await go('PUT', '/v1/upstreams/bad', { token: T, body: JSON.stringify({ endpoints: 'nope' }) });
    await go('GET', '/v1/policies', { token: T });
    await go('PUT', '/v1/policies/phone', { token: T, body: JSON.stringify({ method: 'ff1', alphabet: '0123456789' }) });
    await go('PUT', '/v1/policies/bad', { token: T, body: JSON.stringify({ method: 'rot13' }) });
    await go('POST', '/v1/validate', { token: T, body: JSON.stringify({ pseudonymization: { keyring: './keys.yaml', policies: { e: { method: 'siv', domain: 'email' } } } }) });
    await go('POST', '/v1/validate', { token: T, body: JSON.stringify({ pseudonymization: { keyring: './no-such-keys.yaml', policies: {} } }) });
    await go('POST', '/v1/validate', { token: T, body: JSON.stringify({ upstreams: { u: { endpoints: [1] } } }) });
    await go('GET', '/v1/versions', { token: T });
    await go('GET', '/v1/versions/1', { token: T });
    await go('GET', '/v1/versions/999', { token: T });
    await go('POST', '/v1/versions/1/rollback', { token: T });
    await go('POST', '/v1/versions/999/rollback', { token: T });
    await go('GET', '/v1/openapi.json', { token: T });
    await go('GET', '/v1/no-such-endpoint', { token: T });
    await go('GET', '/metrics');
    assert.ok(statuses.includes(401), 'unauthenticated calls were refused');
    assert.ok(statuses.some((s) => s >= 400 && s < 500 && s !== 401), 'invalid changes were refused');
    assert.ok(statuses.filter((s) => s === 200).length >= 10, `enough successful calls: ${statuses.join(',')}`);
  });

  test('data-plane errors (404, 400, 431, 502) answer without a secret', async () => {
    await call(listen, 'GET', '/nowhere', { token: TOKEN });
    await call(listen, 'GET', '/web/x', { token: TOKEN });  // upstream refused → 502
    await call(listen, 'POST', '/web/x', { token: NEAR_MISS_TOKEN, body: '{"email":"a@b.c"}' });
    const big = await fetch(`http://127.0.0.1:${listen}/web/y`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-big': 'a'.repeat(70000) } }).catch((e: Error) => e);
    seen.push(big instanceof Error ? big.message : `${big.status}\n${await big.text()}`);
  });

  test('stdout, stderr and every HTTP response hold none of the planted secrets', async () => {
    // Stopping flushes the shutdown log lines too.
    await proc.stop();
    const outputs: Array<[string, string]> = [['process output', proc.output()], ...seen.map((s, i): [string, string] => [`response ${i}`, s])];
    for (const [where, text] of outputs) {
      for (const [what, secret] of forms()) {
        assert.ok(!text.includes(secret), `${what} found in ${where}:\n${text.slice(Math.max(0, text.indexOf(secret) - 200), text.indexOf(secret) + 200)}`);
      }
    }
    assert.ok(seen.length > 30, 'the responses were actually collected');
    if (process.env.SLUICE_SECURITY_DEBUG) console.log(seen.map((s) => s.split('\n')[0]).join('\n'));
  });

  test('the store file holds no keyring secret (policies persist without keys)', () => {
    const db = fs.readFileSync(path.join(dir, 'store.db'));
    for (const [what, secret] of forms().filter(([w]) => w.startsWith('key'))) {
      assert.ok(!db.includes(Buffer.from(secret)), `${what} in the store`);
    }
    assert.ok(!db.includes(KEY), 'raw key bytes in the store');
    assert.ok(!db.includes(Buffer.from(TOKEN)), 'the admin token in the store');
  });
});

describe('admin listener exposure', () => {
  test('with no admin.listen in the config, the admin API binds loopback only', () => {
    const { config, problems } = loadConfigText('idl: []\n', path.join(os.tmpdir(), 'sluice.yaml'));
    assert.ok(config, JSON.stringify(problems));
    const host = config.admin.listen.host;
    assert.ok(['127.0.0.1', '::1', '[::1]', 'localhost'].includes(host), `admin listens on ${host}`);
  });
});
