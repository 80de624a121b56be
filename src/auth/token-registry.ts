/**
 * The one registry of bearer tokens (contract §2 `admin.tokens`, env SLUICE_ADMIN_TOKEN): the admin API checks
 * scopes read/write against it, the data plane only the re-identification scope. Only sha256 digests are kept.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface TokenEntry {
  readonly name: string;
  /** Lower-case hex sha256 of the token. */
  readonly sha256: string;
  readonly scopes: ReadonlyArray<string>;
}

export interface Caller {
  readonly name: string;
  readonly scopes: ReadonlySet<string>;
}

export const ALL_SCOPES = ['read', 'write', 'reidentify'] as const;

/** sha256 hex of a token, the form tokens are stored in. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class TokenRegistry {
  readonly #entries: ReadonlyArray<{ name: string; digest: Buffer; scopes: ReadonlySet<string> }>;

  constructor(entries: ReadonlyArray<TokenEntry>) {
    this.#entries = entries.map((e) => ({ name: e.name, digest: Buffer.from(e.sha256.toLowerCase(), 'hex'), scopes: new Set(e.scopes) }));
  }

  /**
   * The caller a token belongs to, or undefined. Compares against every entry in constant time per entry and
   * never stops early, so timing reveals neither which entry matched nor how much of a digest did.
   */
  authenticate(token: string | undefined): Caller | undefined {
    if (token === undefined || token.length === 0) return undefined;
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: Caller | undefined;
    for (const e of this.#entries) {
      if (e.digest.length === digest.length && timingSafeEqual(e.digest, digest) && found === undefined) {
        found = { name: e.name, scopes: e.scopes };
      }
    }
    return found;
  }

  /** The caller behind an `Authorization: Bearer …` header value. */
  authenticateHeader(header: string | undefined): Caller | undefined {
    if (!header) return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? this.authenticate(m[1]) : undefined;
  }

  get size(): number { return this.#entries.length; }
}
