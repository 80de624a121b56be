import type { FastifyInstance } from 'fastify';
import * as path from 'node:path';
import type { AdminContext } from '../server';
import { versionReplySchema } from '../schemas/route';
import { changeMeta } from './change';
import { sendError } from '../plugins/envelope';

/** A relative, normalized IDL path ending in .thrift, or undefined when it would escape the IDL root. */
export function normalizeIdlPath(raw: string): string | undefined {
  const p = path.posix.normalize(decodeURIComponent(raw)).replace(/^\/+/, '');
  if (!p || p.startsWith('..') || p.includes('\0') || !p.endsWith('.thrift')) return undefined;
  return p;
}

/** GET /v1/idl, GET|PUT|DELETE /v1/idl/*path: IDL files of the live version. */
export function idlRoutes<C>(app: FastifyInstance, ctx: AdminContext<C>): void {
  app.get('/v1/idl', async () => {
    const files = ctx.control.live.version.document.idl_files;
    return { files: Object.keys(files).sort().map((p) => ({ path: p, bytes: Buffer.byteLength(files[p]!, 'utf8') })) };
  });

  app.register(async (scope) => {
    // IDL travels as text whatever the client labels it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.get<{ Params: { '*': string } }>('/v1/idl/*', async (req, reply) => {
      const p = normalizeIdlPath(req.params['*']);
      const text = p === undefined ? undefined : ctx.control.live.version.document.idl_files[p];
      if (text === undefined) return sendError(reply, 404, { code: 'not_found', message: `no IDL file '${req.params['*']}'` });
      return reply.type('text/plain; charset=utf-8').send(text);
    });

    scope.put<{ Params: { '*': string }; Body: string }>('/v1/idl/*', { schema: { response: { 200: versionReplySchema } } }, async (req, reply) => {
      const p = normalizeIdlPath(req.params['*']);
      if (p === undefined) return sendError(reply, 400, { code: 'bad_request', message: 'IDL path must be relative, stay inside the IDL root and end in .thrift', field: 'path' });
      if (typeof req.body !== 'string' || req.body.length === 0) return sendError(reply, 400, { code: 'bad_request', message: 'the request body must be the IDL text' });
      const text = req.body;
      const v = await ctx.control.change(changeMeta(req, `put idl ${p}`, { put_idl: p, bytes: Buffer.byteLength(text) }), (doc) =>
        ({ ...doc, idl_files: { ...doc.idl_files, [p]: text } }));
      return { version: v.version };
    });

    scope.delete<{ Params: { '*': string } }>('/v1/idl/*', { schema: { response: { 200: versionReplySchema } } }, async (req, reply) => {
      const p = normalizeIdlPath(req.params['*']);
      if (p === undefined || ctx.control.live.version.document.idl_files[p] === undefined) {
        return sendError(reply, 404, { code: 'not_found', message: `no IDL file '${req.params['*']}'` });
      }
      const v = await ctx.control.change(changeMeta(req, `delete idl ${p}`, { delete_idl: p }), (doc) => {
        const { [p]: _gone, ...rest } = doc.idl_files;
        return { ...doc, idl_files: rest };
      });
      return { version: v.version };
    });
  });
}
