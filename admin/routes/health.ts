import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../server';
import { sendError } from '../plugins/envelope';

/** GET /healthz (liveness), GET /readyz (config loaded, workers up), GET /metrics (Prometheus text). */
export function healthRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (!ctx.ready()) return sendError(reply, 503, { code: 'unavailable', message: 'not ready: config or workers not up yet' });
    return { status: 'ready', version: ctx.control.live.version.version };
  });
  app.get('/metrics', async (_req, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return ctx.metrics();
  });
}
