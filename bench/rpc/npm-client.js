'use strict';
// Benchmark client: npm thrift 0.24 calling testMulti(i8, i32, i64) → Xtruct, keeping CONCURRENCY calls in flight
// for SECONDS. Prints {"rps": n}. Usage: npm-client.js GEN_DIR PORT SECONDS CONCURRENCY (NODE_PATH must find thrift)
const path = require('node:path');
const thrift = require('thrift');

async function main() {
  const [genDir, port, seconds, concurrency] = process.argv.slice(2);
  const Interop = require(path.join(genDir, 'Interop.js'));
  const conn = thrift.createConnection('127.0.0.1', Number(port), { transport: thrift.TFramedTransport, protocol: thrift.TBinaryProtocol });
  await new Promise((resolve, reject) => { conn.once('connect', resolve); conn.once('error', reject); });
  const c = thrift.createClient(Interop, conn);
  const i64 = (n) => new thrift.Int64(n);
  for (let i = 0; i < 2000; i++) await c.testMulti(1, 2, i64(3));
  const deadline = performance.now() + Number(seconds) * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
    while (performance.now() < deadline) {
      await c.testMulti(1, -3, i64(1000000));
      done++;
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ rps: done / elapsed }));
  conn.end();
}

main().catch((e) => { console.error(e); process.exit(1); });
