/**
 * Benchmark client: our RPC client calling testMulti(i8, i32, i64) → Xtruct, keeping CONCURRENCY calls in flight
 * for SECONDS, through the `sluice codegen` client. Prints {"rps": n}. Usage: our-client.ts CODEGEN_DIR PORT SECONDS CONCURRENCY
 */
import { createClient } from '../../src/thrift/rpc/client';
import { loadGeneratedBindings } from '../../test/interop/rpc/helpers/bindings';

async function main(): Promise<void> {
  const b = loadGeneratedBindings(process.argv[2]!);
  const [port, seconds, concurrency] = process.argv.slice(3).map(Number) as [number, number, number];
  const caller = await createClient({ port, transport: 'framed', protocol: 'binary' });
  const c = b.interopClient(caller);
  for (let i = 0; i < 2000; i++) await c.testMulti!(1, 2, 3n); // warm up
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      await c.testMulti!(1, -3, 1_000_000n);
      done++;
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ rps: done / elapsed }));
  await caller.close();
}

void main();
