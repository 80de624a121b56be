/**
 * The Thrift backend of the pseudonymization route benchmark: Sluice's own RPC server (framed binary) serving
 * `sluice codegen` output for bench.thrift; both functions echo the contact they receive. Usage: backend.ts GEN_DIR PORT
 */
import * as path from 'node:path';
import { createServer } from '../../src/thrift/rpc/server';
import type { ServiceDefinition } from '../../src/thrift/rpc/types';

const gen = require(path.resolve(process.argv[2]!, 'bench.ts')) as { BenchDefinition: ServiceDefinition };
const handler = {
  Plain: (c: unknown) => c,
  Pseudo: (c: unknown) => c,
};
const server = createServer({ services: { definition: gen.BenchDefinition, handler }, transport: 'framed', protocol: 'binary' });
server.listen(Number(process.argv[3]), '127.0.0.1').then(() => console.log('listening'));
