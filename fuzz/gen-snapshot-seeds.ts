/**
 * Regenerates the seed corpus of the `snapshot` fuzz target (fuzz/corpus/snapshot/gen-*): engine snapshots as
 * `sluice start` publishes them, from real gateway configs through the config loader, the route compiler,
 * src/gateway/snapshot.ts buildSnapshot and src/native/snapshot.ts encodeSnapshot. Configs: proxy routes, the
 * demo IDL's REST→Thrift routes (idl/people.thrift) in two upstream dialects, a pseudonymization section (every
 * method, annotations and rules, reidentify tokens), Thrift listeners with and without policies, and all at once.
 * Endpoints are numeric (127.0.0.1 / [::1]) because the fuzz resolver never looks names up.
 * The keyring secret is a fixed test value, so the seeds are reproducible; it protects nothing.
 * Run: node --import tsx fuzz/gen-snapshot-seeds.ts   (no addon needed)
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sha256Hex } from '../src/config/env';
import { loadConfigText } from '../src/config/load';
import { buildSnapshot } from '../src/gateway/snapshot';
import { encodeSnapshot } from '../src/native/snapshot';
import { compileGatewayConfig } from '../src/routes';

const root = resolve(__dirname, '..');
const corpusDir = join(root, 'fuzz/corpus/snapshot');
const demoIdl = join(root, 'idl/people.thrift');

// A fixed, public test secret: seeds must not change from one run to the next.
const KEYS_YAML = `keys:\n  - { id: k1, secret_hex: "${'5eed'.repeat(16)}" }\n  - { id: k2, secret_hex: "${'c0de'.repeat(16)}", primary: true }\n`;

const PROXY_ROUTES = `routes:
  - id: legacy
    method: [GET, POST]
    path: /legacy/*rest
    proxy: { upstream_http: ['127.0.0.1:8081', '127.0.0.1:8082'] }
    strip_prefix: /legacy
  - id: any-method
    method: "*"
    path: /files/:name
    proxy: { upstream_http: ['http://[::1]:8083'] }
`;

const PEOPLE_UPSTREAM = `upstreams:
  people: { endpoints: ['127.0.0.1:9090', '127.0.0.1:9091'], transport: framed, protocol: binary }
`;

const PEOPLE_SERVICE = `services:
  - { service: people.PeopleService, upstream: people }
`;

// Admin tokens: only the auditor's digest goes into the snapshot (the reidentify scope).
const TOKENS = `admin:
  tokens:
    - { name: auditor, sha256: "${sha256Hex('auditor-seed-token')}", scopes: [read, write, reidentify] }
    - { name: reader, sha256: "${sha256Hex('reader-seed-token')}", scopes: [read] }
`;

// Every method; `email` is what the demo IDL's annotations name, rules place the others.
const PSEUDO = `pseudonymization:
  keyring: ./keys.yaml
  reidentify_scope: reidentify
  policies:
    email:  { method: siv, domain: email, email: true }
    phone:  { method: ff1, format: phone, key: k1 }
    ids:    { method: ff1, radix: 10, key: k1, on_error: pass }
    uid:    { method: hmac, domain: uid, encoding: base32, key: k1 }
    name:   { method: mask, keep_first: 1, keep_last: 1, char: "#", skip: " -" }
    notes:  { method: redact }
    tier:   { method: constant, value: "hidden" }
  rules:
    - { service: people.PeopleService, function: createPerson, path: req.preferred_contact.phone, policy: phone }
    - { service: people.PeopleService, function: createPerson, path: req.name, policy: name }
    - { service: people.PeopleService, function: createPerson, path: 'req.tags[*]', policy: uid }
    - { service: people.PeopleService, function: createPerson, path: 'req.attributes{value}', policy: notes }
    - { service: people.PeopleService, function: getPerson, path: req.id, policy: ids }
    - { service: people.PeopleService, function: countPeople, path: tag, policy: tier }
    - { service: people.PeopleService, function: getPerson, path: return.person.preferred_contact.phone, policy: phone }
`;

const LISTENERS = `thrift_listeners:
  - { listen: '127.0.0.1:9190', service: people.PeopleService, upstream: people }
  - { listen: '127.0.0.1:9191', transport: header, protocol: compact, service: [people.PeopleService], upstream: people-mux }
`;

const MUX_UPSTREAM = `  people-mux: { endpoints: ['127.0.0.1:9092'], transport: header, protocol: compact, timeout_ms: 1500, max_connections: 4 }
`;

interface Seed { name: string; yaml: string }

const seeds: Seed[] = [
  { name: 'proxy', yaml: PROXY_ROUTES },
  { name: 'rest-thrift', yaml: `idl: [${demoIdl}]\n${PEOPLE_UPSTREAM}${PEOPLE_SERVICE}` },
  {
    name: 'rest-thrift-compact-header-mux',
    yaml: `idl: [${demoIdl}]
upstreams:
  people: { endpoints: ['127.0.0.1:9090'], transport: header, protocol: compact, connect_timeout_ms: 250 }
services:
  - { service: people.PeopleService, upstream: people, multiplexed_name: People }
json: { i64: string, enums: name, unknown_fields: reject }
`,
  },
  { name: 'pseudo', yaml: `idl: [${demoIdl}]\n${PEOPLE_UPSTREAM}${PEOPLE_SERVICE}${TOKENS}${PSEUDO}` },
  { name: 'listener', yaml: `idl: [${demoIdl}]\n${PEOPLE_UPSTREAM}${MUX_UPSTREAM}${LISTENERS}` },
  { name: 'listener-pseudo', yaml: `idl: [${demoIdl}]\n${PEOPLE_UPSTREAM}${MUX_UPSTREAM}${LISTENERS}${TOKENS}${PSEUDO}` },
  { name: 'all', yaml: `idl: [${demoIdl}]\n${PEOPLE_UPSTREAM}${MUX_UPSTREAM}${PEOPLE_SERVICE}${PROXY_ROUTES}${LISTENERS}${TOKENS}${PSEUDO}` },
];

// The configs live in a scratch folder beside their keyring, as a deployment's would.
const dir = mkdtempSync(join(tmpdir(), 'sluice-snapshot-seeds-'));
try {
  writeFileSync(join(dir, 'keys.yaml'), KEYS_YAML);
  mkdirSync(corpusDir, { recursive: true });
  for (const f of readdirSync(corpusDir)) if (f.startsWith('gen-')) rmSync(join(corpusDir, f));
  const env = {};  // no SLUICE_* override may leak into the seeds
  seeds.forEach((s, i) => {
    const file = join(dir, `${s.name}.yaml`);
    writeFileSync(file, s.yaml);
    const { config, problems } = loadConfigText(s.yaml, file, { env, cwd: dir });
    if (!config) throw new Error(`${s.name}: ${JSON.stringify(problems.slice(0, 3))}`);
    const r = compileGatewayConfig(config);
    const errors = r.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new Error(`${s.name}: ${JSON.stringify(errors)}`);
    const bytes = encodeSnapshot(buildSnapshot(i + 1, config, r.schema, r.table, env));
    writeFileSync(join(corpusDir, `gen-${s.name}`), bytes);
    console.log(`gen-${s.name}: ${bytes.length} bytes`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
