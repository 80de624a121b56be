import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../server';
import { nameParamsSchema, versionReplySchema } from '../schemas/route';
import { upstreamBodySchema } from '../schemas/upstream';
import { changeMeta } from './change';
import { sendError } from '../plugins/envelope';

/** GET /v1/upstreams[/:name], PUT /v1/upstreams/:name. */
export function upstreamRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/v1/upstreams', async () => ({ upstreams: ctx.control.live.version.document.upstreams ?? {} }));
  app.get<{ Params: { name: string } }>('/v1/upstreams/:name', { schema: { params: nameParamsSchema } }, async (req, reply) => {
    const u = (ctx.control.live.version.document.upstreams ?? {})[req.params.name];
    return u ?? sendError(reply, 404, { code: 'not_found', message: `no upstream '${req.params.name}'` });
  });
  app.put<{ Params: { name: string }; Body: Record<string, unknown> }>('/v1/upstreams/:name', {
    schema: { params: nameParamsSchema, body: upstreamBodySchema, response: { 200: versionReplySchema } },
  }, async (req) => {
    const { name } = req.params;
    const body = req.body;
    const v = await ctx.control.change(changeMeta(req, `put upstream ${name}`, { put_upstream: name, upstream: body }), (doc) =>
      ({ ...doc, upstreams: { ...(doc.upstreams ?? {}), [name]: body } }));
    return { version: v.version };
  });
}
