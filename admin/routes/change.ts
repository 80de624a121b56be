/** Shared plumbing for write endpoints: author from the token, optimistic concurrency from If-Match. */
import type { FastifyRequest } from 'fastify';
import { callerOf } from '../plugins/auth';
import { createError } from '../../src/errors';

const BadIfMatch = createError('SLUICE_E_ADMIN_BAD_IF_MATCH', 400);

/** The change request fields every write carries: author (token name) and optional base version. */
export function changeMeta(req: FastifyRequest, summary: string, change: unknown) {
  const raw = req.headers['if-match'];
  let baseVersion: number | undefined;
  if (typeof raw === 'string' && raw.length > 0) {
    const n = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(n) || n < 1) throw BadIfMatch('If-Match must be a config version number');
    baseVersion = n;
  }
  return { author: callerOf(req)?.name ?? 'unknown', summary, change, ...(baseVersion !== undefined ? { baseVersion } : {}) };
}
