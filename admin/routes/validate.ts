import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../server';
import type { ConfigDocument } from '../../src/control/types';

/** Sections of §2 the store owns; the rest (listen, admin, store, workers...) only ever come from the file. */
export const EDITABLE_SECTIONS = ['idl_files', 'json', 'upstreams', 'services', 'routes', 'thrift_listeners', 'pseudonymization'] as const;

/** POST /v1/validate: each given §2 section replaces the live one; answers {valid, problems}, changes nothing. */
export function validateRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.post<{ Body: Record<string, unknown> }>('/v1/validate', {
    schema: { body: { type: 'object' } },
  }, async (req) => {
    const problems: Array<Record<string, unknown>> = [];
    const doc: Record<string, unknown> = { ...ctx.control.live.version.document };
    for (const [key, value] of Object.entries(req.body)) {
      if ((EDITABLE_SECTIONS as readonly string[]).includes(key)) doc[key] = value;
      else problems.push({ severity: 'error', message: `'${key}' cannot be changed through the admin API (it is read from the config file or is not a config key)`, field: key });
    }
    problems.push(...ctx.control.validate(doc as unknown as ConfigDocument).map((p) => ({ ...p })));
    return { valid: !problems.some((p) => p['severity'] !== 'warning'), problems };
  });
}
