/**
 * The Thrift backend both REST contenders call: Sluice's own RPC server (framed binary) serving `sluice codegen`
 * output for bench.thrift, answering the prebuilt payloads. Usage: backend.ts GEN_DIR PORT
 */
import * as path from 'node:path';
import { createServer } from '../../src/thrift/rpc/server';
import type { ServiceDefinition } from '../../src/thrift/rpc/types';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const payloads = require('./payloads.js') as { small(id: number): Record<string, unknown>; medium(id: number): Record<string, unknown> };

const gen = require(path.resolve(process.argv[2]!, 'bench.ts')) as { BenchDefinition: ServiceDefinition };

/** Generated types use bigint for i64: convert the shared JSON-shaped payloads once. */
function withBigints(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => withBigints(x));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withBigints(x, k)]));
  return key === 'id' && typeof v === 'number' ? BigInt(v) : v;
}
const smallReply = withBigints(payloads.small(42));
const mediumReply = withBigints(payloads.medium(42));

const handler = {
  GetSmall: () => smallReply,
  GetMedium: () => mediumReply,
};
const server = createServer({ services: { definition: gen.BenchDefinition, handler }, transport: 'framed', protocol: 'binary' });
server.listen(Number(process.argv[3]), '127.0.0.1').then(() => console.log('listening'));
