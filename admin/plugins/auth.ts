/**
 * Bearer-token authorization: `read` for GET, `write` for changes; /healthz, /readyz and /metrics are open.
 * 401 without a valid token, 403 without the scope. The caller is kept on the request for access logs and
 * version authorship.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller, TokenRegistry } from '../../src/auth/token-registry';
import { sendError } from './envelope';

const OPEN = new Set(['/healthz', '/readyz', '/metrics']);
const callers = new WeakMap<FastifyRequest, Caller>();

/** The authenticated caller of `req` (set by the auth hook). */
export function callerOf(req: FastifyRequest): Caller | undefined {
  return callers.get(req);
}

/** Installs the auth hook on `app`. */
export function installAuth(app: FastifyInstance, tokens: TokenRegistry): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    if (OPEN.has(path) && (req.method === 'GET' || req.method === 'HEAD')) return;
    const caller = tokens.authenticateHeader(req.headers.authorization);
    if (!caller) {
      reply.header('WWW-Authenticate', 'Bearer realm="sluice-admin"');
      return sendError(reply, 401, { code: 'unauthorized', message: 'a valid bearer token is required (Authorization: Bearer <token>)' });
    }
    callers.set(req, caller);
    const needed = req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write';
    if (!caller.scopes.has(needed)) {
      return sendError(reply, 403, { code: 'forbidden', message: `token '${caller.name}' lacks the '${needed}' scope` });
    }
  });
}
