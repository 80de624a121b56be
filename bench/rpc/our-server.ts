/** Benchmark server: our RPC server (framed binary) with the interop services. Usage: our-server.ts PORT */
import { createServer } from '../../src/thrift/rpc/server';
import { InteropDefinition, createInteropHandler } from '../../test/interop/rpc/helpers/interop-service';

const server = createServer({ services: { definition: InteropDefinition, handler: createInteropHandler() }, transport: 'framed', protocol: 'binary' });
server.listen(Number(process.argv[2]), '127.0.0.1').then(() => console.log('listening'));
