/**
 * The pseudonymization keyring (contract §7): `{keys: [{id, secret_hex, primary}]}` in YAML or JSON,
 * from the `pseudonymization.keyring` file or env SLUICE_KEYRING (a path, or the document itself).
 * Secrets live only in private fields: they never appear in errors, JSON.stringify or util.inspect.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { PseudoKeyringInvalid } from './errors';

/** Key ids travel inside SIV tokens, so they are short, lower-case and token-safe. */
export const KEY_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** Minimum secret length: every derived subkey gets ≥ 256 bits of secret entropy. */
export const MIN_SECRET_BYTES = 32;
const MAX_SECRET_BYTES = 1024;

/** One key of the ring. The secret is reachable only through `secretForDerivation()`. */
export class KeyringKey {
  readonly id: string;
  readonly primary: boolean;
  readonly #secret: Buffer;

  constructor(id: string, secret: Buffer, primary: boolean) {
    this.id = id;
    this.primary = primary;
    this.#secret = secret;
  }

  /** The raw secret, for subkey derivation only (derive.ts). MUST NOT be logged or returned. */
  secretForDerivation(): Buffer {
    return this.#secret;
  }

  /** A 16-hex-digit keyed fingerprint for drift detection across instances; reveals nothing about the key. */
  fingerprint(): string {
    return createHmac('sha256', this.#secret).update('sluice/v1/fingerprint').digest('hex').slice(0, 16);
  }

  toJSON(): { id: string; primary: boolean } {
    return { id: this.id, primary: this.primary };
  }
}

/** An immutable set of keys with exactly one primary. */
export class Keyring {
  readonly primary: KeyringKey;
  readonly #keys: ReadonlyMap<string, KeyringKey>;

  constructor(keys: readonly KeyringKey[]) {
    this.#keys = new Map(keys.map((k) => [k.id, k]));
    const primary = keys.find((k) => k.primary);
    if (!primary) throw PseudoKeyringInvalid('keyring has no primary key');
    this.primary = primary;
  }

  /** The key with this id, or undefined (a removed key: its tokens fail closed). */
  get(id: string): KeyringKey | undefined {
    return this.#keys.get(id);
  }

  ids(): string[] {
    return [...this.#keys.keys()];
  }

  toJSON(): { keys: { id: string; primary: boolean }[] } {
    return { keys: [...this.#keys.values()].map((k) => k.toJSON()) };
  }
}

/** Where a keyring comes from, for messages (a file path or `env SLUICE_KEYRING`). */
function describeSource(source: string): string {
  return source;
}

/**
 * Validates a parsed keyring document. Problems name the key id or index and the rule broken, never
 * the secret; all problems are reported together.
 */
export function parseKeyring(doc: unknown, source: string): Keyring {
  const problems: string[] = [];
  const keys: KeyringKey[] = [];
  const top = doc as { keys?: unknown } | null;
  if (typeof top !== 'object' || top === null || Array.isArray(top) || !Array.isArray(top.keys)) {
    throw PseudoKeyringInvalid(`${describeSource(source)}: a keyring is {keys: [{id, secret_hex, primary}]}`);
  }
  for (const k of Object.keys(top)) if (k !== 'keys') problems.push(`unknown key '${k}'`);
  const seen = new Set<string>();
  top.keys.forEach((raw: unknown, i: number) => {
    const where = `keys[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${where}: must be an object {id, secret_hex, primary}`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    for (const k of Object.keys(entry)) if (!['id', 'secret_hex', 'primary'].includes(k)) problems.push(`${where}: unknown key '${k}'`);
    const id = entry.id;
    const name = typeof id === 'string' ? `key '${id}'` : where;
    if (typeof id !== 'string' || !KEY_ID_PATTERN.test(id)) {
      problems.push(`${where}: id must match ${KEY_ID_PATTERN.source} (lower-case, it travels inside tokens)`);
    } else if (seen.has(id)) {
      problems.push(`${name}: id is used twice`);
    }
    if (typeof id === 'string') seen.add(id);
    const hex = entry.secret_hex;
    let secret: Buffer | undefined;
    if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
      problems.push(`${name}: secret_hex must be a string of hex digit pairs`);
    } else if (hex.length / 2 < MIN_SECRET_BYTES || hex.length / 2 > MAX_SECRET_BYTES) {
      problems.push(`${name}: secret_hex must decode to ${MIN_SECRET_BYTES}..${MAX_SECRET_BYTES} bytes, got ${hex.length / 2}`);
    } else {
      secret = Buffer.from(hex, 'hex');
    }
    const primary = entry.primary ?? false;
    if (typeof primary !== 'boolean') problems.push(`${name}: primary must be true or false`);
    if (secret && typeof id === 'string' && typeof primary === 'boolean') keys.push(new KeyringKey(id, secret, primary));
  });
  if (top.keys.length === 0) problems.push('the keyring has no keys');
  const primaries = top.keys.filter((k: unknown) => (k as { primary?: unknown } | null)?.primary === true).length;
  if (top.keys.length > 1 && primaries !== 1) problems.push(`exactly one key must be primary: true, found ${primaries}`);
  if (problems.length > 0) throw PseudoKeyringInvalid(`${describeSource(source)}: ${problems.join('; ')}`);
  // A ring of one key needs no primary flag.
  if (keys.length === 1 && !keys[0].primary) keys[0] = new KeyringKey(keys[0].id, keys[0].secretForDerivation(), true);
  return new Keyring(keys);
}

/** Parses keyring text (YAML or JSON). Parse errors report line:col only: the text holds secrets. */
export function parseKeyringText(text: string, source: string): Keyring {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const before = text.slice(0, e.pos[0]);
    const line = before.split('\n').length;
    const at = `${line}:${e.pos[0] - before.lastIndexOf('\n')}`;
    throw PseudoKeyringInvalid(`${describeSource(source)}:${at}: the keyring is not valid YAML or JSON (${e.code})`);
  }
  return parseKeyring(doc.toJS(), source);
}

export interface KeyringSource {
  /** `pseudonymization.keyring` from config: a file path, relative to `baseDir`. */
  readonly path?: string;
  readonly baseDir?: string;
  /** Environment to read SLUICE_KEYRING from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Loads the keyring: env SLUICE_KEYRING wins (a file path, or the keyring document itself when it
 * starts with `{` or contains `keys:`), else the config's `keyring` path. Throws PseudoKeyringInvalid.
 */
export function loadKeyring(src: KeyringSource): Keyring {
  const envValue = (src.env ?? process.env).SLUICE_KEYRING;
  if (envValue !== undefined && envValue.trim() !== '') {
    const trimmed = envValue.trim();
    if (trimmed.startsWith('{') || /(^|\n)\s*keys\s*:/.test(trimmed)) return parseKeyringText(trimmed, 'env SLUICE_KEYRING');
    return readKeyringFile(path.resolve(src.baseDir ?? process.cwd(), trimmed));
  }
  if (src.path === undefined) {
    throw PseudoKeyringInvalid('pseudonymization needs a keyring: set pseudonymization.keyring or env SLUICE_KEYRING');
  }
  return readKeyringFile(path.resolve(src.baseDir ?? process.cwd(), src.path));
}

function readKeyringFile(file: string): Keyring {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw PseudoKeyringInvalid(`${file}: cannot read the keyring (${code})`);
  }
  return parseKeyringText(text, file);
}
