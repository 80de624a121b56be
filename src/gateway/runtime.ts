/**
 * `sluice start`: the running gateway. Loads the file config, starts the control plane on its store (the
 * file seeds version 1 of an empty store), the native engine with the live version's snapshot, the admin
 * API, and for the bundled demo its Thrift backend. SIGTERM/SIGINT drain and exit 0.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/load';
import { formatProblem, hasErrors } from '../config/problems';
import type { SluiceConfig } from '../config/types';
import { ControlPlane, type LiveConfig } from '../control/control-plane';
import { SqliteVersionStore } from '../control/sqlite-store';
import { EtcdVersionStore } from '../control/etcd-store';
import type { VersionStore } from '../control/types';
import { TokenRegistry, tokenDigest, ALL_SCOPES } from '../auth/token-registry';
import { startEngine, type Engine } from '../native/engine';
import { startAdmin } from '../../admin/server';
import { buildOpenApi } from '../openapi/generate';
import { gatewayCompiler, type CompiledGateway } from './compiler';
import { seedDocument } from './document';
import { describeRoutes } from './describe';
import { renderMetrics } from './metrics';
import { createError } from '../errors';
import { formatReidentificationAudit } from '../pseudo/counters';
import { startDemoBackend } from '../demo/backend';
import { demoBackendPort } from '../config/demo';

const ConfigInvalid = createError('SLUICE_E_CONFIG_INVALID');
/** How often the native re-identification audit log is drained into log lines. */
const AUDIT_DRAIN_MS = 1000;

export interface StartOptions {
  readonly configFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Where log lines go (default stderr). */
  readonly log?: (line: string) => void;
  /** Where the demo's greeting goes (default stdout). */
  readonly out?: (text: string) => void;
}

export interface RunningGateway {
  readonly config: SluiceConfig;
  readonly engine: Engine;
  readonly adminPort: number;
  readonly control: ControlPlane<CompiledGateway>;
  /** Stops accepting, drains in-flight requests for up to `graceMs` (default shutdown_grace_ms), stops everything. */
  stop(graceMs?: number): Promise<void>;
}

function openStore(config: SluiceConfig): VersionStore {
  return config.store.kind === 'etcd' ? new EtcdVersionStore(config.store.endpoints, config.store.prefix) : new SqliteVersionStore(config.store.path);
}

/** Starts everything `sluice start` runs; rejects (with every problem in the message) when the config is invalid. */
export async function startGateway(opts: StartOptions = {}): Promise<RunningGateway> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const env = opts.env ?? process.env;
  const { config, problems } = loadConfig(opts.configFile, { env });
  for (const p of problems) if (p.severity === 'warning') log(`sluice: ${formatProblem(p)}`);
  if (!config || hasErrors(problems)) throw ConfigInvalid(problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n'));

  const stoppers: Array<() => Promise<void>> = [];
  try {
    // The demo gets a fresh admin token each start (printed below); real configs bring their own.
    let demoToken: string | undefined;
    const tokenEntries = [...config.admin.tokens];
    if (config.demo && tokenEntries.length === 0) {
      demoToken = randomBytes(18).toString('base64url');
      tokenEntries.push({ name: 'demo', sha256: tokenDigest(demoToken), scopes: [...ALL_SCOPES], origin: 'env', loc: undefined });
    }
    const tokens = new TokenRegistry(tokenEntries);

    let demoPort: number | undefined;
    if (config.demo) {
      const backend = await startDemoBackend(demoBackendPort);
      demoPort = demoBackendPort;
      stoppers.push(() => backend.close(1000));
    }

    const store = openStore(config);
    stoppers.push(() => store.close());
    let engine: Engine | undefined;
    let pending: LiveConfig<CompiledGateway> | undefined;
    let boundListeners = new Set<string>();
    const publish = (live: LiveConfig<CompiledGateway>) => {
      if (!engine) { pending = live; return; }
      engine.publish({ ...live.compiled.snapshot, version: live.version.version });
      for (const line of listenerChanges(boundListeners, live.compiled.snapshot, live.version.version)) log(line);
      log(`sluice: config version ${live.version.version} applied (${live.version.summary}, by ${live.version.author})`);
    };
    const control = new ControlPlane(store, gatewayCompiler(config), publish);
    const live = await control.start(seedDocument(config));
    stoppers.push(() => control.stop());

    engine = await startEngine({
      listen: config.listen.text, workers: config.workers, ioBackend: config.ioBackend, limits: config.limits,
      snapshot: { ...live.compiled.snapshot, version: live.version.version }, log,
    });
    boundListeners = new Set((live.compiled.snapshot.thriftListeners ?? []).map((l) => l.listen));
    const eng = engine;
    if (pending && pending.version.version !== live.version.version) publish(pending);
    let ready = true;
    // Re-identification audit (contract §7): workers append to a bounded native log; one drain a second turns it
    // into log lines (caller token name, route, policy, count — never values or tokens).
    const drainAudit = () => { for (const r of eng.drainAudit()) log(`sluice: audit ${formatReidentificationAudit(r)}`); };
    const auditTimer = setInterval(drainAudit, AUDIT_DRAIN_MS);
    auditTimer.unref();
    stoppers.push(async () => { clearInterval(auditTimer); drainAudit(); });

    const admin = await startAdmin({
      control, tokens,
      describeRoutes,
      openapi: (c) => buildOpenApi(c.schema ?? { files: new Map(), roots: [], definitions: new Map() }, c.table,
        { json: c.config.json, title: 'Sluice gateway', version: String(control.live.version.version) }),
      metrics: () => renderMetrics({ engine: () => eng, configVersion: () => control.live.version.version, reloads: () => control.reloads,
        pseudo: () => eng.stats().pseudo }),
      ready: () => ready,
      log,
    }, config.admin.listen.text);
    const adminApp: FastifyInstance = admin.app;

    log(`sluice: serving http://${config.listen.text} (config version ${live.version.version}, ${live.compiled.table.routes.length} routes); admin http://${config.admin.listen.text}`);
    if (config.demo) printDemo(opts.out ?? ((t) => process.stdout.write(t)), config, demoToken, demoPort);

    return {
      config, engine: eng, adminPort: admin.port, control,
      async stop(graceMs = config.shutdownGraceMs) {
        ready = false;
        await eng.drain(graceMs);
        await adminApp.close();
        for (const s of stoppers.reverse()) await s().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    throw err;
  }
}

/** Thrift listener sockets are bound at start (docs/thrift-listeners.md): say what a reload could not apply. */
function listenerChanges(bound: ReadonlySet<string>, snapshot: CompiledGateway['snapshot'], version: number): string[] {
  const now = new Set((snapshot.thriftListeners ?? []).map((l) => l.listen));
  const out: string[] = [];
  for (const l of now) {
    if (!bound.has(l)) out.push(`sluice: config version ${version}: thrift listener ${l} is not served until restart (listen addresses are bound at start)`);
  }
  for (const l of bound) {
    if (!now.has(l)) out.push(`sluice: config version ${version}: thrift listener ${l} was removed; its connections are closed, the address stays bound until restart`);
  }
  return out;
}

function printDemo(out: (t: string) => void, config: SluiceConfig, token: string | undefined, backendPort: number | undefined): void {
  const base = `http://${config.listen.text}`;
  const admin = `http://${config.admin.listen.text}`;
  out(`
Sluice demo: REST routes from idl/people.thrift, served by a demo Thrift backend on 127.0.0.1:${backendPort}.
Try:
  curl -s ${base}/v1/people/9007199254740993
  curl -s '${base}/v1/people?role=DIRECTOR'
  curl -s -X POST ${base}/v1/people -H 'content-type: application/json' -d '{"name":"Katherine Johnson","email":"kj@example.com","tags":["orbits"]}'
  curl -s ${base}/v1/stats/roles
  curl -s -H 'Authorization: Bearer ${token ?? '<token>'}' ${admin}/v1/routes
Admin token (all scopes, valid until this process stops): ${token ?? '(from config)'}
`);
}
