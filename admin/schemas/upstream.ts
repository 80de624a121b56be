/** JSON schema of one upstream (contract §2 `upstreams.<name>`). */
export const upstreamBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoints'],
  properties: {
    endpoints: { type: 'array', minItems: 1, items: { type: 'string', minLength: 3 } },
    transport: { type: 'string', enum: ['framed', 'buffered', 'header'] },
    protocol: { type: 'string', enum: ['binary', 'compact'] },
    connect_timeout_ms: { type: 'integer', minimum: 0 },
    timeout_ms: { type: 'integer', minimum: 0 },
    max_connections: { type: 'integer', minimum: 1 },
  },
} as const;

/**
 * JSON schema of one pseudonymization policy (contract §7). The policy compiler checks each method's options;
 * here only the shape, and that no key material is sent: keys live in the keyring, never in the admin API.
 */
export const policyBodySchema = {
  type: 'object',
  required: ['method'],
  properties: {
    method: { type: 'string', minLength: 1 },
    on_error: { type: 'string', enum: ['fail', 'pass'] },
    // `key` pins a keyring key *id* (ff1/hmac, contract §7 notes); the id pattern keeps key material out.
    key: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' },
  },
  not: { anyOf: [{ required: ['secret_hex'] }, { required: ['secret'] }, { required: ['key_hex'] }] },
} as const;
