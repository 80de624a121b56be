import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../server';
import { nameParamsSchema, versionReplySchema } from '../schemas/route';
import { policyBodySchema } from '../schemas/upstream';
import { changeMeta } from './change';

/** Policies of a document's pseudonymization section; never the keyring or anything key-like. */
function policiesOf(section: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return { ...((section?.['policies'] as Record<string, unknown> | undefined) ?? {}) };
}

/** GET /v1/policies, PUT /v1/policies/:name (contract §7). */
export function policyRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/v1/policies', async () => ({ policies: policiesOf(ctx.control.live.version.document.pseudonymization) }));
  app.put<{ Params: { name: string }; Body: Record<string, unknown> }>('/v1/policies/:name', {
    schema: { params: nameParamsSchema, body: policyBodySchema, response: { 200: versionReplySchema } },
  }, async (req) => {
    const { name } = req.params;
    const body = req.body;
    const v = await ctx.control.change(changeMeta(req, `put policy ${name}`, { put_policy: name, policy: body }), (doc) => {
      const section = { ...(doc.pseudonymization ?? {}) };
      section['policies'] = { ...policiesOf(doc.pseudonymization), [name]: body };
      return { ...doc, pseudonymization: section };
    });
    return { version: v.version };
  });
}
