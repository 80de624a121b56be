/**
 * Fixtures for the pseudonymization e2e suite: the Apache Thrift Python backend (records what it received), a
 * keyring with a planted secret, and a real `sluice start` process with bearer tokens and a §7 section.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../helpers/ports';
import { startPythonPeer } from '../../helpers/python-peer';
import { spawnSluice, type SluiceProcess } from '../../helpers/sluice-process';
import { parseExact, type IoBackend, type Plain } from '../rest/harness';

const FIXTURES = path.join(__dirname, 'fixtures');
export const IDL = path.join(FIXTURES, 'people.thrift');

/** Keyring secrets (hex). PLANTED must never appear in logs, errors, admin responses or /metrics. */
export const PLANTED = 'f00dfeed'.repeat(8);
export const SECOND = '0badc0de'.repeat(8);
/** Bearer tokens: auditor has the reidentify scope, reader does not. */
export const AUDITOR = 'auditor-token-7c1e';
export const READER = 'reader-token-93aa';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

export interface Recorded { fn: string; args: { [k: string]: Plain } }

export interface Backend {
  readonly port: number;
  records(): Recorded[];
  close(): Promise<void>;
}

/** Generates the Python code and starts backend.py; resolves once it listens. */
export async function startBackend(): Promise<Backend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-pseudo-py-'));
  execFileSync('thrift', ['--gen', 'py', '-out', dir, IDL]);
  const recordFile = path.join(dir, 'record.jsonl');
  fs.writeFileSync(recordFile, '');
  const peer = await startPythonPeer(path.join(FIXTURES, 'backend.py'), [dir, recordFile]);
  return {
    port: peer.port,
    records: () => fs.readFileSync(recordFile, 'utf8').split('\n').filter(Boolean).map((l) => parseExact(l) as unknown as Recorded),
    async close() {
      await peer.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** keys.yaml text: k1 (PLANTED) and, when `rotated`, k2 (SECOND) as the primary. */
export function keyring(rotated: boolean): string {
  return rotated
    ? `keys:\n  - { id: k1, secret_hex: "${PLANTED}" }\n  - { id: k2, secret_hex: "${SECOND}", primary: true }\n`
    : `keys:\n  - { id: k1, secret_hex: "${PLANTED}", primary: true }\n`;
}

export interface Gateway {
  readonly port: number;
  readonly adminPort: number;
  readonly proc: SluiceProcess;
  readonly dir: string;
  stop(): Promise<number | null>;
}

/** The `admin.tokens` lines (under `admin:`) for the suites' auditor (reidentify scope) and reader tokens. */
export const TOKENS_YAML = `  tokens:
    - { name: auditor, sha256: "${sha(AUDITOR)}", scopes: [read, write, reidentify] }
    - { name: reader, sha256: "${sha(READER)}", scopes: [read, write] }`;

/** The suites' policies, as the `policies:` entry of a `pseudonymization:` section. */
export const POLICIES_YAML = `  policies:
    email: { method: siv, domain: email }
    phone: { method: ff1, format: phone, key: k1 }
    ids:   { method: ff1, radix: 10, key: k1 }
    uid:   { method: hmac, domain: uid, encoding: base32, key: k1 }
    pin:   { method: ff1, alphabet: "0123456789", on_error: pass, key: k1 }`;

/** A `pseudonymization:` section on ./keys.yaml (see pseudoFiles) with `policies` and `extra` lines (e.g. `rules:`). */
export function pseudoSection(extra = '', policies = POLICIES_YAML): string {
  return `pseudonymization:
  keyring: ./keys.yaml
  reidentify_scope: reidentify
${policies}
${extra}`;
}

/** What a gateway config using pseudoSection needs beside it: the keyring file, no env keyring, the two tokens. */
export function pseudoExtras(idl?: string): { idl?: string; env: NodeJS.ProcessEnv; files: Record<string, string>; adminYaml: string } {
  return { ...(idl === undefined ? {} : { idl }), env: { SLUICE_KEYRING: '' }, files: { 'keys.yaml': keyring(false) }, adminYaml: TOKENS_YAML };
}

/**
 * Runs `sluice start` with the suite's policies against the backend on `backendPort`; `extraPseudo` is appended to
 * the `pseudonymization:` section (e.g. a `rules:` list, indented two spaces).
 */
export async function startGateway(ioBackend: IoBackend, backendPort: number, extraPseudo = ''): Promise<Gateway> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-pseudo-gw-'));
  const listen = await freePort();
  const admin = await freePort();
  fs.writeFileSync(path.join(dir, 'keys.yaml'), keyring(false));
  const config = path.join(dir, 'sluice.yaml');
  fs.writeFileSync(config, `listen: 127.0.0.1:${listen}
workers: 2
io_backend: ${ioBackend}
admin:
  listen: 127.0.0.1:${admin}
${TOKENS_YAML}
store:
  kind: sqlite
  path: ${path.join(dir, 'sluice.db')}
idl: [${IDL}]
upstreams:
  people: { endpoints: ['127.0.0.1:${backendPort}'], transport: framed, protocol: binary }
services:
  - { service: people.People, upstream: people }
${pseudoSection(extraPseudo)}`);
  const proc = spawnSluice(['start', '--config', config], { env: { SLUICE_KEYRING: '' } });
  try {
    await proc.waitFor(/serving http:\/\//, 30000);
    const m = await proc.waitFor(/io_backend=(\w+)/, 1000);
    if (m[1] !== ioBackend) throw new Error(`asked for io_backend=${ioBackend}, gateway says ${m[0]}`);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return {
    port: listen, adminPort: admin, proc, dir,
    async stop() {
      const code = await proc.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
