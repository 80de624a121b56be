/** Shared fixtures for whole-gateway admin tests: a tagged HTTP upstream and a config file in a temp dir. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { tokenDigest } from '../../../src/auth/token-registry';
import { freePort } from '../../helpers/ports';

export const OPS_TOKEN = 'e2e-ops-token-7c1d';

/** An HTTP server answering `<tag> <path>` to everything; `close` ends it. */
export async function taggedUpstream(tag: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.setHeader('content-type', 'text/plain'); res.end(`${tag} ${req.url}`); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

export interface GatewayFiles { dir: string; config: string; listen: number; admin: number }

/** Writes a config with the given extra YAML (routes, store) and free ports for the data plane and admin. */
export async function gatewayConfig(extra: string): Promise<GatewayFiles> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-e2e-admin-'));
  const listen = await freePort();
  const admin = await freePort();
  const config = path.join(dir, 'sluice.yaml');
  fs.writeFileSync(config, `listen: 127.0.0.1:${listen}
workers: 2
admin:
  listen: 127.0.0.1:${admin}
  tokens:
    - { name: ops, sha256: "${tokenDigest(OPS_TOKEN)}", scopes: [read, write] }
idl: []
${extra}`);
  return { dir, config, listen, admin };
}

/** One admin call with the ops token. */
export async function adminCall(port: number, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers: { authorization: `Bearer ${OPS_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Polls `fn` until it returns true or `ms` passes; returns the elapsed ms, or throws. */
export async function within(ms: number, what: string, fn: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await fn()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
