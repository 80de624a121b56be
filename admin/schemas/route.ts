/** JSON schema of an explicit route (contract §3) as PUT /v1/routes/:id takes it. */
const method = { type: 'string', enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', '*'] } as const;

export const routeBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['method', 'path'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    method: { anyOf: [method, { type: 'array', items: method, minItems: 1 }] },
    path: { type: 'string', pattern: '^/', maxLength: 2048 },
    service: { type: 'string', minLength: 1 },
    function: { type: 'string', minLength: 1 },
    upstream: { type: 'string', minLength: 1 },
    bind: {
      type: 'object',
      additionalProperties: {
        type: 'object', additionalProperties: false, required: ['from'],
        properties: { from: { type: 'string', enum: ['path', 'query', 'header', 'cookie', 'body', 'raw_body', 'raw_uri'] }, name: { type: 'string' } },
      },
    },
    proxy: {
      type: 'object', additionalProperties: false, required: ['upstream_http'],
      properties: { upstream_http: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }, strip_prefix: { type: 'string' } },
    },
    strip_prefix: { type: 'string' },
    source: {},
  },
} as const;

export const idParamsSchema = {
  type: 'object', required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const nameParamsSchema = {
  type: 'object', required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+$' } },
} as const;

export const versionReplySchema = {
  type: 'object', required: ['version'], properties: { version: { type: 'integer' } },
} as const;
