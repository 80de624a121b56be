/**
 * Compiled policies: a validated definition plus the subkeys it needs, derived once at config time.
 * Subkeys sit in a module-private WeakMap (policy-keys.ts), so a CompiledPolicy can be logged,
 * inspected or serialized without exposing key material.
 */
import { Alphabet } from './alphabet';
import { deriveSubkey } from './derive';
import { PseudoConfigInvalid } from './errors';
import { loadKeyring, type Keyring } from './keyring';
import { setPolicyKeys } from './policy-keys';
import { validatePolicy, type EmailOptions, type Locate, type OnError, type PolicyDefinition, type PseudoConfigProblem, type PseudoMethod } from './policy-config';
import { formatLocated } from '../errors';

/** A policy ready to apply. Immutable; holds no key material in its own fields. */
export class CompiledPolicy {
  readonly name: string;
  readonly method: PseudoMethod;
  readonly domain: string;
  readonly onError: OnError;
  /** siv and ff1 can be reversed for authorized callers; the rest are one-way. */
  readonly reversible: boolean;
  /** The key id new pseudonyms are made with (siv: written into tokens). Undefined for keyless methods. */
  readonly keyId: string | undefined;
  readonly email: EmailOptions | undefined;
  readonly alphabet: Alphabet | undefined;
  readonly definition: PolicyDefinition;

  constructor(def: PolicyDefinition, keyId: string | undefined) {
    this.name = def.name;
    this.method = def.method;
    this.domain = def.domain;
    this.onError = def.onError;
    this.reversible = def.method === 'siv' || def.method === 'ff1';
    this.keyId = keyId;
    this.email = def.email;
    this.alphabet = def.alphabet === undefined ? undefined : new Alphabet(def.alphabet);
    this.definition = Object.freeze({ ...def, email: def.email && Object.freeze({ ...def.email }) });
    Object.freeze(this);
  }
}

/** What the admin API and `sluice check` may show about a policy: never keys. */
export interface PolicyDescription {
  readonly name: string;
  readonly method: PseudoMethod;
  readonly domain: string;
  readonly keyId: string | undefined;
  readonly onError: OnError;
  readonly reversible: boolean;
}

/** Every policy of a config, compiled against one keyring. Lookups by name happen at config time only. */
export class PolicySet {
  readonly reidentifyScope: string;
  readonly keyring: Keyring;
  readonly #policies: ReadonlyMap<string, CompiledPolicy>;

  constructor(policies: readonly CompiledPolicy[], keyring: Keyring, reidentifyScope: string) {
    this.#policies = new Map(policies.map((p) => [p.name, p]));
    this.keyring = keyring;
    this.reidentifyScope = reidentifyScope;
  }

  get(name: string): CompiledPolicy | undefined {
    return this.#policies.get(name);
  }

  names(): string[] {
    return [...this.#policies.keys()];
  }

  /** Key-free summaries, in name order. */
  describe(): PolicyDescription[] {
    return [...this.#policies.values()].sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({
      name: p.name, method: p.method, domain: p.domain, keyId: p.keyId, onError: p.onError, reversible: p.reversible,
    }));
  }

  toJSON(): { reidentifyScope: string; policies: PolicyDescription[] } {
    return { reidentifyScope: this.reidentifyScope, policies: this.describe() };
  }
}

export interface CompileOptions {
  /** Directory relative keyring paths resolve against (the config file's directory). */
  readonly baseDir?: string;
  /** Environment for SLUICE_KEYRING (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** A keyring loaded by the caller; skips `keyring` / SLUICE_KEYRING. */
  readonly keyring?: Keyring;
  /** Maps config paths to file:line:col for messages. */
  readonly locate?: Locate;
}

/** The error compilePolicySet throws: every problem, each with its config path and location. */
export type PseudoConfigError = ReturnType<typeof PseudoConfigInvalid> & { problems: readonly PseudoConfigProblem[] };

function fail(problems: PseudoConfigProblem[]): never {
  const text = problems.map((p) => formatLocated(`${p.path}: ${p.message}`, p.loc)).join('\n');
  throw Object.assign(PseudoConfigInvalid(`invalid pseudonymization config:\n${text}`), { problems });
}

/**
 * Compiles the §7 `pseudonymization:` section (as parsed from YAML/JSON, snake_case keys) into a
 * PolicySet, loading the keyring and deriving every subkey. Throws PseudoConfigInvalid listing every
 * problem (PseudoKeyringInvalid when the keyring itself is unusable); no message contains a secret.
 */
export function compilePolicySet(section: unknown, opts: CompileOptions = {}): PolicySet {
  const locate = opts.locate ?? (() => undefined);
  const problems: PseudoConfigProblem[] = [];
  const report = (p: (string | number)[], message: string) => problems.push({ path: p.join('.'), message, loc: locate(p) });
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    report(['pseudonymization'], 'must be an object {keyring, reidentify_scope, policies, rules}');
    fail(problems);
  }
  const s = section as Record<string, unknown>;
  for (const k of Object.keys(s)) {
    if (!['keyring', 'reidentify_scope', 'policies', 'rules'].includes(k)) report(['pseudonymization', k], `unknown key '${k}'`);
  }
  const scope = s.reidentify_scope ?? 'reidentify';
  if (typeof scope !== 'string' || scope === '') report(['pseudonymization', 'reidentify_scope'], 'must be a non-empty scope name');
  if (s.keyring !== undefined && typeof s.keyring !== 'string') report(['pseudonymization', 'keyring'], 'must be a file path');
  const rawPolicies = s.policies ?? {};
  const defs: PolicyDefinition[] = [];
  if (typeof rawPolicies !== 'object' || rawPolicies === null || Array.isArray(rawPolicies)) {
    report(['pseudonymization', 'policies'], 'must map policy names to policies');
  } else {
    for (const [name, raw] of Object.entries(rawPolicies)) {
      const def = validatePolicy(name, raw, problems, locate);
      if (def) defs.push(def);
    }
  }
  if (problems.length > 0) fail(problems);
  const keyring = opts.keyring ?? loadKeyring({ path: s.keyring as string | undefined, baseDir: opts.baseDir, env: opts.env });
  return compileDefinitions(defs, keyring, scope as string, locate);
}

/** Attaches keys to validated definitions (used by compilePolicySet and by callers with their own validation). */
export function compileDefinitions(defs: readonly PolicyDefinition[], keyring: Keyring, reidentifyScope: string, locate: Locate = () => undefined): PolicySet {
  const problems: PseudoConfigProblem[] = [];
  const compiled: CompiledPolicy[] = [];
  for (const def of defs) {
    if (def.method === 'mask' || def.method === 'redact' || def.method === 'constant') {
      const p = new CompiledPolicy(def, undefined);
      setPolicyKeys(p, { main: undefined, sivByKeyId: new Map() });
      compiled.push(p);
      continue;
    }
    const key = def.keyId === undefined ? keyring.primary : keyring.get(def.keyId);
    if (!key) {
      const at = ['pseudonymization', 'policies', def.name, 'key'];
      problems.push({ path: at.join('.'), message: `policy '${def.name}': key '${def.keyId}' is not in the keyring`, loc: locate(at) });
      continue;
    }
    const p = new CompiledPolicy(def, key.id);
    const sivByKeyId = new Map<string, Buffer>();
    if (def.method === 'siv') {
      // Every key of the ring can open tokens it made; only `key` makes new ones.
      for (const id of keyring.ids()) sivByKeyId.set(id, deriveSubkey(keyring.get(id)!, 'siv', def.domain));
    }
    setPolicyKeys(p, { main: deriveSubkey(key, def.method, def.domain), sivByKeyId });
    compiled.push(p);
  }
  if (problems.length > 0) fail(problems);
  return new PolicySet(compiled, keyring, reidentifyScope);
}
