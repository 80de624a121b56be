/**
 * The Sluice side of the proxy benchmark: the native engine with one proxy route to the upstream.
 * argv: listen port, upstream "host:port", workers, io backend. Prints "ready <port>"; SIGTERM stops it.
 */
import { startEngine } from '../../src/native/engine';

async function main(): Promise<void> {
  const [port, upstream, workers, backend] = process.argv.slice(2);
  const engine = await startEngine({
    listen: `127.0.0.1:${port}`,
    workers: Number(workers),
    ioBackend: (backend ?? 'auto') as 'auto',
    limits: {},
    snapshot: {
      version: 1,
      thriftUpstreams: [],
      routes: [{ id: 'bench', methods: '*', path: '/*rest', target: { kind: 'proxy', endpoints: [upstream], connectTimeoutMs: 1000, timeoutMs: 10000, maxConnections: 256 } }],
    },
  });
  const keep = setInterval(() => undefined, 1 << 30);
  process.once('SIGTERM', () => void engine.close().then(() => { clearInterval(keep); process.exit(0); }));
  process.stdout.write(`ready ${engine.port} ${engine.backend}\n`);
}

void main();
