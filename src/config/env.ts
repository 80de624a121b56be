/**
 * Environment overrides (contract §2, §7, §9): SLUICE_LISTEN, SLUICE_ADMIN_LISTEN, SLUICE_ADMIN_TOKEN
 * (one token named "env" with every scope; only its sha256 is kept) and SLUICE_KEYRING.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { parseAddress } from './address';
import { defaults } from './defaults';
import { ConfigCodes, type ConfigProblem } from './problems';
import type { SluiceConfig } from './types';

/** Returns `config` with the env overrides applied, plus problems for env values that don't parse. */
export function applyEnvOverrides(config: SluiceConfig, env: NodeJS.ProcessEnv, cwd: string): { config: SluiceConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const address = (name: string) => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const a = parseAddress(text);
    if (typeof a === 'string') {
      problems.push({ severity: 'error', code: ConfigCodes.badEnv, message: `Environment variable ${name}: ${a}`, loc: undefined });
      return undefined;
    }
    return a;
  };
  let next: SluiceConfig = config;
  const listen = address('SLUICE_LISTEN');
  if (listen) next = { ...next, listen };
  const adminListen = address('SLUICE_ADMIN_LISTEN');
  if (adminListen) next = { ...next, admin: { ...next.admin, listen: adminListen } };
  const token = env.SLUICE_ADMIN_TOKEN;
  if (token !== undefined && token !== '') {
    const scopes = [...defaults.allScopes];
    const extra = next.pseudonymization?.reidentifyScope;
    if (extra !== undefined && !scopes.includes(extra)) scopes.push(extra);
    const envToken = { name: 'env', sha256: sha256Hex(token), scopes, origin: 'env' as const, loc: undefined };
    next = { ...next, admin: { ...next.admin, tokens: [...next.admin.tokens.filter((t) => t.name !== 'env'), envToken] } };
  }
  const keyring = env.SLUICE_KEYRING?.trim();
  // SLUICE_KEYRING is a file path or the keyring document itself; only a path becomes `keyring`. An inline document
  // stays in the environment, where the keyring loader (src/pseudo/keyring.ts loadKeyring) reads it: it must never
  // be copied into the config, which versions, logs and the admin API may show.
  if (keyring !== undefined && keyring !== '' && next.pseudonymization && !isInlineKeyring(keyring)) {
    next = { ...next, pseudonymization: { ...next.pseudonymization, keyring: path.resolve(cwd, keyring) } };
  }
  return { config: next, problems };
}

/** Whether SLUICE_KEYRING holds the keyring document rather than a path (the keyring loader's rule). */
export function isInlineKeyring(value: string): boolean {
  const t = value.trim();
  return t.startsWith('{') || /(^|\n)\s*keys\s*:/.test(t);
}

/** Lower-case hex sha256 of a bearer token, the form admin.tokens stores. */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
