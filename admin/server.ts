/**
 * Builds the admin API (contract §10) as a fastify app. It never listens on the data plane: `startAdmin`
 * binds it to `admin.listen` (loopback by default).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ControlPlane } from '../src/control/control-plane';
import type { TokenRegistry } from '../src/auth/token-registry';
import { installEnvelope } from './plugins/envelope';
import { installAuth } from './plugins/auth';
import { installAccessLog } from './plugins/access-log';
import { healthRoutes } from './routes/health';
import { routeRoutes } from './routes/routes';
import { idlRoutes } from './routes/idl';
import { upstreamRoutes } from './routes/upstreams';
import { policyRoutes } from './routes/policies';
import { validateRoutes } from './routes/validate';
import { versionRoutes } from './routes/versions';
import { openapiRoutes } from './routes/openapi';

/** What the admin API needs from the running gateway; C is the compiled form of a config version. */
export interface AdminContext<C> {
  readonly control: ControlPlane<C>;
  readonly tokens: TokenRegistry;
  /** The live route table as §3 route objects plus `source`. */
  describeRoutes(compiled: C): Array<Record<string, unknown>>;
  /** OpenAPI 3.1 document of the live REST surface. */
  openapi(compiled: C): unknown;
  /** Prometheus text exposition. */
  metrics(): Promise<string>;
  /** Readiness: config loaded and workers up. */
  ready(): boolean;
  /** One line per admin call; stderr when absent. */
  log?(line: string): void;
}

/** Largest admin request body (IDL uploads included). */
export const ADMIN_BODY_LIMIT = 4 * 1024 * 1024;

/** Builds (without listening) the admin app. */
export function buildAdmin<C>(ctx: AdminContext<C>): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: ADMIN_BODY_LIMIT, return503OnClosing: true,
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } } });
  installEnvelope(app);
  installAuth(app, ctx.tokens);
  installAccessLog(app, ctx.log ?? ((line) => process.stderr.write(line + '\n')));
  healthRoutes(app, ctx);
  routeRoutes(app, ctx);
  idlRoutes(app, ctx);
  upstreamRoutes(app, ctx);
  policyRoutes(app, ctx);
  validateRoutes(app, ctx);
  versionRoutes(app, ctx);
  openapiRoutes(app, ctx);
  return app;
}

/** Builds the admin app and listens on `host:port`; resolves with the app and the bound port. */
export async function startAdmin<C>(ctx: AdminContext<C>, listen: string): Promise<{ app: FastifyInstance; port: number }> {
  const app = buildAdmin(ctx);
  const i = listen.lastIndexOf(':');
  const host = listen.slice(0, i).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(i + 1));
  await app.listen({ host, port });
  const addr = app.server.address();
  return { app, port: typeof addr === 'object' && addr ? addr.port : port };
}
