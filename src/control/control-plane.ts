/**
 * The control plane: owns the live config version, validates proposed documents with the gateway compiler,
 * records accepted ones in the VersionStore and applies them (one atomic snapshot swap per version).
 */
import type { ConfigDocument, ConfigVersion, VersionStore } from './types';
import { createError } from '../errors';

/** One problem found while compiling a document; location fields when it points into IDL or config. */
export interface Problem {
  readonly message: string;
  readonly code?: string;
  readonly severity?: 'error' | 'warning';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface GatewayCompiler<C> {
  /** Compiles a whole document exactly as `sluice check` would; `compiled` is absent when problems has errors. */
  compile(doc: ConfigDocument): { compiled: C | undefined; problems: Problem[] };
}

export const InvalidChangeError = createError('SLUICE_E_CONFIG_INVALID', 400);
export const VersionNotFoundError = createError('SLUICE_E_VERSION_NOT_FOUND', 404);

export interface LiveConfig<C> {
  readonly version: ConfigVersion;
  readonly compiled: C;
}

export interface ChangeRequest {
  readonly author: string;
  readonly summary: string;
  /** What was asked for, kept with the version. */
  readonly change: unknown;
  /** Optimistic concurrency: when set, the change applies only if the live version is still this one (else 409). */
  readonly baseVersion?: number;
}

export class ControlPlane<C> {
  readonly #store: VersionStore;
  readonly #compiler: GatewayCompiler<C>;
  readonly #apply: (live: LiveConfig<C>) => void;
  #live: LiveConfig<C> | undefined;
  #unwatch: (() => void) | undefined;
  #reloads = 0;
  // The version this process is appending right now: the store's watch reports it too, but it is applied here.
  #writing: number | undefined;
  // Serialises writers in this process so that each change is compiled against the version it will follow.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: VersionStore, compiler: GatewayCompiler<C>, apply: (live: LiveConfig<C>) => void) {
    this.#store = store;
    this.#compiler = compiler;
    this.#apply = apply;
  }

  /** Loads the newest stored version, or seeds version 1 from `seed` when the store is empty, and applies it. */
  async start(seed: ConfigDocument): Promise<LiveConfig<C>> {
    let v = await this.#store.latest();
    if (!v) {
      const first: ConfigVersion = { version: 1, author: 'file', time: new Date().toISOString(), summary: 'seeded from the config file', change: { seed: true }, document: seed };
      const { compiled, problems } = this.#compiler.compile(seed);
      if (!compiled) throw InvalidChangeError(`the config file does not compile: ${problems.map((p) => p.message).join('; ')}`);
      try { await this.#store.append(first); } catch (err) { if ((err as { code?: string }).code !== 'SLUICE_E_STORE_CONFLICT') throw err; }
      v = (await this.#store.latest())!;
    }
    const { compiled, problems } = this.#compiler.compile(v.document);
    if (!compiled) throw InvalidChangeError(`stored config version ${v.version} does not compile: ${problems.map((p) => p.message).join('; ')}`);
    this.#setLive({ version: v, compiled });
    this.#unwatch = this.#store.watch((nv) => this.#onRemoteVersion(nv));
    return this.#live!;
  }

  get live(): LiveConfig<C> {
    if (!this.#live) throw new Error('control plane not started');
    return this.#live;
  }

  get reloads(): number { return this.#reloads; }

  /** Compiles `doc` without applying it. */
  validate(doc: ConfigDocument): Problem[] {
    return this.#compiler.compile(doc).problems;
  }

  /**
   * Applies `mutate(live document)` as a new version: compiled as a whole, rejected with every problem (400)
   * when invalid, 409 when `baseVersion` is stale or another instance wrote first; the running version stays
   * in both cases.
   */
  change(req: ChangeRequest, mutate: (doc: ConfigDocument) => ConfigDocument): Promise<ConfigVersion> {
    const run = async () => {
      const base = this.live.version;
      if (req.baseVersion !== undefined && req.baseVersion !== base.version) {
        throw createError('SLUICE_E_STORE_CONFLICT', 409)(`the live version is ${base.version}, not ${req.baseVersion}`);
      }
      const doc = mutate(base.document);
      const { compiled, problems } = this.#compiler.compile(doc);
      if (!compiled) throw Object.assign(InvalidChangeError('the change does not compile'), { problems: problems.filter((p) => p.severity !== 'warning') });
      const next: ConfigVersion = { version: base.version + 1, author: req.author, time: new Date().toISOString(),
        summary: req.summary, change: req.change, document: doc };
      this.#writing = next.version;
      try {
        await this.#store.append(next);
      } finally {
        this.#writing = undefined;
      }
      this.#setLive({ version: next, compiled });
      return next;
    };
    const p = this.#queue.then(run, run);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  /** Makes a new version whose document equals version `n`'s. */
  async rollback(n: number, author: string): Promise<ConfigVersion> {
    const old = await this.#store.get(n);
    if (!old) throw VersionNotFoundError(`config version ${n} does not exist`);
    return this.change({ author, summary: `rollback to version ${n}`, change: { rollback: n } }, () => old.document);
  }

  get store(): VersionStore { return this.#store; }

  async stop(): Promise<void> {
    this.#unwatch?.();
    await this.#queue;
  }

  #setLive(live: LiveConfig<C>) {
    this.#live = live;
    this.#reloads++;
    this.#apply(live);
  }

  #onRemoteVersion(v: ConfigVersion) {
    // Versions this instance wrote are already live; others' are compiled and applied in order.
    if (!this.#live || v.version <= this.#live.version.version || v.version === this.#writing) return;
    const { compiled } = this.#compiler.compile(v.document);
    if (compiled) this.#setLive({ version: v, compiled });
  }
}
