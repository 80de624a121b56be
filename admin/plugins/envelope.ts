/**
 * Every error the admin API produces leaves in the contract's §6 envelope:
 * `{"error": {"code", "message", "field"?, "detail"?}}`. fastify's own schema validation errors included.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

export interface EnvelopeBody { code: string; message: string; field?: string; detail?: unknown }

/** Sends a §6 error envelope. */
export function sendError(reply: FastifyReply, status: number, body: EnvelopeBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: body });
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 503: 'unavailable',
};

/** Installs the error and not-found handlers on `app`. */
export function installEnvelope(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, { code: 'route_not_found', message: `no admin endpoint ${req.method} ${req.url.split('?')[0]}` }));
  app.setErrorHandler((err: FastifyError & { problems?: unknown; field?: string }, _req, reply) => {
    if (err.validation) {
      const v = err.validation[0];
      const missing = (v?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const base = (v?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const field = missing ? (base ? `${base}.${missing}` : missing) : base || undefined;
      return sendError(reply, 400, { code: 'bad_request', message: `${err.validationContext ?? 'body'}${field ? '.' + field : ''} ${v?.message ?? 'is invalid'}`, ...(field ? { field } : {}) });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    const code = status === 500 ? 'internal_error' : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large'
      : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
      : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'bad_request'
      : codeByStatus[status] ?? 'error';
    // Internal errors never echo their message: it could carry anything, secrets included.
    const message = status === 500 ? 'internal error' : err.message;
    return sendError(reply, status, { code, message, ...(err.field ? { field: err.field } : {}), ...(err.problems ? { detail: { problems: err.problems } } : {}) });
  });
}
