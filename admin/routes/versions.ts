import type { FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import type { AdminContext } from '../server';
import { versionReplySchema } from '../schemas/route';
import { callerOf } from '../plugins/auth';
import { sendError } from '../plugins/envelope';
import { diffDocuments } from '../../src/control/diff';

// Body coercion is off (a JSON "5" is not 5), so path numbers are checked as digit strings.
const nParams = { type: 'object', required: ['n'], properties: { n: { type: 'string', pattern: '^[1-9][0-9]{0,14}$' } } } as const;

/** GET /v1/versions[/:n] (JSON, or YAML with ?format=yaml / Accept: application/yaml), POST /v1/versions/:n/rollback. */
export function versionRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/v1/versions', async () => ({ versions: await ctx.control.store.list(), live: ctx.control.live.version.version }));

  app.get<{ Params: { n: string }; Querystring: { format?: string } }>('/v1/versions/:n', {
    schema: { params: nParams, querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'yaml'] } } } },
  }, async (req, reply) => {
    const v = await ctx.control.store.get(Number(req.params.n));
    if (!v) return sendError(reply, 404, { code: 'not_found', message: `config version ${req.params.n} does not exist` });
    const prev = v.version > 1 ? await ctx.control.store.get(v.version - 1) : undefined;
    const body = { ...v, diff: diffDocuments(prev?.document, v.document) };
    const wantsYaml = req.query.format === 'yaml' || /application\/(x-)?yaml/.test(req.headers.accept ?? '');
    if (wantsYaml) return reply.type('application/yaml; charset=utf-8').send(stringify(v.document));
    return body;
  });

  app.post<{ Params: { n: string } }>('/v1/versions/:n/rollback', { schema: { params: nParams, response: { 200: versionReplySchema } } }, async (req) => {
    const v = await ctx.control.rollback(Number(req.params.n), callerOf(req)?.name ?? 'unknown');
    return { version: v.version };
  });
}
