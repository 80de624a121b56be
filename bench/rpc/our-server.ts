/** Benchmark server: our RPC server (framed binary) serving `sluice codegen` output. Usage: our-server.ts CODEGEN_DIR PORT */
import { createServer } from '../../src/thrift/rpc/server';
import { loadGeneratedBindings } from '../../test/interop/rpc/helpers/bindings';
import { createInteropHandler } from '../../test/interop/rpc/helpers/interop-service';

const b = loadGeneratedBindings(process.argv[2]!);
const server = createServer({ services: { definition: b.InteropDefinition, handler: createInteropHandler(b) }, transport: 'framed', protocol: 'binary' });
server.listen(Number(process.argv[3]), '127.0.0.1').then(() => console.log('listening'));
