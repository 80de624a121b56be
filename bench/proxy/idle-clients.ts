/**
 * Opens N keep-alive connections to a proxy, sends one request on each, keeps them idle, then
 * prints "idle <n>" and waits for SIGTERM. argv: port, count.
 */
import net from 'node:net';

async function main(): Promise<void> {
  const [port, count] = process.argv.slice(2).map(Number);
  const socks: net.Socket[] = [];
  let answered = 0;
  const batch = 200;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, () =>
        new Promise<void>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => s.write('GET /128 HTTP/1.1\r\nHost: bench\r\n\r\n'));
          let got = '';
          const onData = (c: Buffer) => {
            got += c.toString('latin1');
            if (got.includes('\r\n\r\n') && got.length > 128) {
              s.off('data', onData);
              answered++;
              resolve();
            }
          };
          s.on('data', onData);
          s.on('error', reject);
          socks.push(s);
        }),
      ),
    );
  }
  process.stdout.write(`idle ${answered}\n`);
  process.once('SIGTERM', () => {
    for (const s of socks) s.destroy();
    process.exit(0);
  });
  setInterval(() => undefined, 1 << 30);
}

void main();
