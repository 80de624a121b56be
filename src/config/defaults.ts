/** Every default of contract §2 in one place (docs/config.md repeats this table). */
export const defaults = {
  listen: '127.0.0.1:8080',
  workers: 'auto' as const,
  ioBackend: 'auto' as const,
  adminListen: '127.0.0.1:9901',
  storeKind: 'sqlite' as const,
  storePath: './data/sluice.db',
  etcdEndpoints: ['http://127.0.0.1:2379'],
  etcdPrefix: '/sluice/',
  idl: [] as string[],
  json: { i64: 'number' as const, enums: 'number' as const, unknownFields: 'ignore' as const },
  upstream: {
    transport: 'framed' as const,
    protocol: 'binary' as const,
    connectTimeoutMs: 1000,
    timeoutMs: 3000,
    maxConnections: 64,
  },
  limits: {
    maxHeaderBytes: 65536,
    maxBodyBytes: 4194304,
    headerTimeoutMs: 10000,
    idleTimeoutMs: 60000,
    sendTimeoutMs: 60000,
  },
  shutdownGraceMs: 10000,
  reidentifyScope: 'reidentify',
  /** Scopes the env token (SLUICE_ADMIN_TOKEN) gets. */
  allScopes: ['read', 'write', 'reidentify'],
};

/** The top-level keys of §2, in the contract's order. */
export const topLevelKeys = [
  'listen', 'workers', 'io_backend', 'admin', 'store', 'idl', 'json', 'upstreams', 'services', 'routes',
  'thrift_listeners', 'pseudonymization', 'limits', 'shutdown_grace_ms',
] as const;
