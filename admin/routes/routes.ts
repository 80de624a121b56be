import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../server';
import { idParamsSchema, routeBodySchema, versionReplySchema } from '../schemas/route';
import { changeMeta } from './change';
import { sendError } from '../plugins/envelope';

type RouteDoc = Record<string, unknown>;

/** GET/PUT/DELETE /v1/routes[/:id]: the live route table and explicit-route edits. */
export function routeRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/v1/routes', async () => ({ routes: ctx.describeRoutes(ctx.control.live.compiled) }));

  app.get<{ Params: { id: string } }>('/v1/routes/:id', { schema: { params: idParamsSchema } }, async (req, reply) => {
    const route = ctx.describeRoutes(ctx.control.live.compiled).find((r) => r['id'] === req.params.id);
    return route ?? sendError(reply, 404, { code: 'not_found', message: `no route with id '${req.params.id}'` });
  });

  app.put<{ Params: { id: string }; Body: RouteDoc }>('/v1/routes/:id', {
    schema: { params: idParamsSchema, body: routeBodySchema, response: { 200: versionReplySchema } },
  }, async (req, reply) => {
    const { id } = req.params;
    if (req.body['id'] !== undefined && req.body['id'] !== id) {
      return sendError(reply, 400, { code: 'bad_request', message: `body id '${String(req.body['id'])}' differs from the URL's '${id}'`, field: 'id' });
    }
    const { source: _ignored, ...rest } = req.body;
    // `source` marks the route as the admin API's own; it is stripped before the §3 validation.
    const route: RouteDoc = { ...rest, id, source: 'admin' };
    const v = await ctx.control.change(changeMeta(req, `put route ${id}`, { put_route: route }), (doc) => {
      const routes = (doc.routes ?? []).filter((r) => r['id'] !== id);
      return { ...doc, routes: [...routes, route] };
    });
    return { version: v.version };
  });

  app.delete<{ Params: { id: string } }>('/v1/routes/:id', { schema: { params: idParamsSchema, response: { 200: versionReplySchema } } }, async (req, reply) => {
    const { id } = req.params;
    if (!(ctx.control.live.version.document.routes ?? []).some((r) => r['id'] === id)) {
      return sendError(reply, 404, { code: 'not_found', message: `no explicit route with id '${id}' (annotation routes change with their IDL)` });
    }
    const v = await ctx.control.change(changeMeta(req, `delete route ${id}`, { delete_route: id }), (doc) =>
      ({ ...doc, routes: (doc.routes ?? []).filter((r) => r['id'] !== id) }));
    return { version: v.version };
  });
}
