/** Builds a real admin app (real compiler, real SQLite store in a temp dir) for app.inject tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { ControlPlane } from '../../../src/control/control-plane';
import { SqliteVersionStore } from '../../../src/control/sqlite-store';
import { TokenRegistry, tokenDigest } from '../../../src/auth/token-registry';
import { buildAdmin } from '../../../admin/server';
import { gatewayCompiler, type CompiledGateway } from '../../../src/gateway/compiler';
import { seedDocument } from '../../../src/gateway/document';
import { describeRoutes } from '../../../src/gateway/describe';
import { buildOpenApi } from '../../../src/openapi/generate';

const repo = path.resolve(__dirname, '../../..');

export const TOKENS = { ops: 'ops-secret-token-1', reader: 'reader-secret-token-2', nobody: 'nobody-secret-token-3' };

export async function adminHarness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-admin-'));
  fs.mkdirSync(path.join(dir, 'idl'));
  for (const f of ['people.thrift', 'common.thrift']) fs.copyFileSync(path.join(repo, 'idl', f), path.join(dir, 'idl', f));
  fs.writeFileSync(path.join(dir, 'sluice.yaml'), `listen: 127.0.0.1:0
admin:
  listen: 127.0.0.1:0
  tokens:
    - { name: ops, sha256: "${tokenDigest(TOKENS.ops)}", scopes: [read, write] }
    - { name: reader, sha256: "${tokenDigest(TOKENS.reader)}", scopes: [read] }
    - { name: nobody, sha256: "${tokenDigest(TOKENS.nobody)}", scopes: [reidentify] }
store: { kind: sqlite, path: ./data/sluice.db }
idl: [./idl]
upstreams:
  people: { endpoints: [127.0.0.1:9090] }
services:
  - { service: people.PeopleService, upstream: people }
routes:
  - { id: legacy, method: GET, path: /legacy/*rest, proxy: { upstream_http: [127.0.0.1:9000] } }
`);
  const { config, problems } = loadConfig(path.join(dir, 'sluice.yaml'), { env: {} });
  if (!config) throw new Error('fixture config invalid: ' + JSON.stringify(problems));
  const store = new SqliteVersionStore(path.join(dir, 'data', 'sluice.db'));
  const applied: number[] = [];
  const control = new ControlPlane<CompiledGateway>(store, gatewayCompiler(config), (live) => applied.push(live.version.version));
  await control.start(seedDocument(config));
  const log: string[] = [];
  const app = buildAdmin({
    control, tokens: new TokenRegistry(config.admin.tokens), describeRoutes,
    openapi: (c) => buildOpenApi(c.schema!, c.table, { json: c.config.json }),
    metrics: async () => '# metrics\nsluice_config_version 1\n', ready: () => true, log: (l) => log.push(l),
  });
  await app.ready();
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    app, control, store, log, applied, dir, auth,
    async close() { await app.close(); await control.stop(); await store.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}
