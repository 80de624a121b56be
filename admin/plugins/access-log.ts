/**
 * One access line per admin call: time, token name, method, route pattern, status, duration. Never bodies,
 * never headers: those can carry tokens and secrets.
 */
import type { FastifyInstance } from 'fastify';
import { callerOf } from './auth';

/** Installs the access log hook; `write` receives one line per call (without newline). */
export function installAccessLog(app: FastifyInstance, write: (line: string) => void): void {
  app.addHook('onResponse', async (req, reply) => {
    const who = callerOf(req)?.name ?? '-';
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    write(`admin ${new Date().toISOString()} token=${who} ${req.method} ${route} status=${reply.statusCode} ms=${reply.elapsedTime.toFixed(1)}`);
  });
}
