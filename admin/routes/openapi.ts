import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../server';

/** GET /v1/openapi.json: OpenAPI 3.1 of the live REST surface. */
export function openapiRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/v1/openapi.json', async () => ctx.openapi(ctx.control.live.compiled));
}
