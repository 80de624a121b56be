/**
 * Soak test (issue 9 §5; not run in CI): runs the real gateway (`sluice start`, from the TypeScript sources)
 * for `--minutes` (default 30) under mixed keep-alive and new-connection traffic, with hot route reloads through
 * the admin API and periodic upstream restarts; samples the gateway's RSS (/proc/<pid>/status VmRSS) and open
 * fds (/proc/<pid>/fd) every `--sample-s` seconds and writes bench/soak/RESULTS.md plus bench/soak/rss.svg.
 *   node --import tsx bench/soak/soak.ts [--minutes 30] [--sample-s 5] [--concurrency 16] [--label text]
 *     [--restart-every-s 30 (0 = never)] [--out RESULTS.md]
 * Errors are "expected" only for requests to the restarting upstream's route while it is down (502/503/504);
 * every other non-2xx answer or transport error counts as unexpected.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, waitForPort } from '../../test/helpers/ports';
import { spawnSluice } from '../../test/helpers/sluice-process';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const MINUTES = Number(arg('minutes', '30'));
const SAMPLE_S = Number(arg('sample-s', '5'));
const CONCURRENCY = Number(arg('concurrency', '16'));
const LABEL = arg('label', `${MINUTES}-minute soak`);
const RELOAD_EVERY_MS = 10_000;
/** 0 disables upstream restarts (`--restart-every-s 0`). */
const RESTART_EVERY_MS = Number(arg('restart-every-s', '30')) * 1000;
/** Report file name inside bench/soak/ (the SVG takes the same stem). */
const OUT = arg('out', 'RESULTS.md');
const RESTART_DOWN_MS = 2_000;
const TOKEN = randomBytes(16).toString('hex');
const BIG = Buffer.alloc(256 << 10, 'b');

interface Sample { t: number; rssKiB: number; fds: number; requests: number; unexpected: number; expected: number }

/** An HTTP upstream on a fixed port that can be stopped and started again (an "upstream restart"). */
class RestartableUpstream {
  #server: http.Server | undefined;
  up = false;
  constructor(readonly port: number, readonly tag: string) {}
  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = req.url?.includes('big') ? BIG : Buffer.from(`${this.tag} ${req.method} ${Buffer.concat(chunks).length}`);
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.#server = server;
    this.up = true;
  }
  async stop(): Promise<void> {
    this.up = false;
    const s = this.#server;
    this.#server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
}

function vmRssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;  // the gateway is gone: reported below
  }
}
function fdCount(pid: number): number {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-soak-'));
  const stable = new RestartableUpstream(await freePort(), 'stable');
  const flaky = new RestartableUpstream(await freePort(), 'flaky');
  const stable2 = new RestartableUpstream(await freePort(), 'stable2');
  await stable.start();
  await stable2.start();
  await flaky.start();
  const listen = await freePort();
  const admin = await freePort();
  const config = path.join(dir, 'sluice.yaml');
  fs.writeFileSync(config, `listen: 127.0.0.1:${listen}
workers: 2
admin:
  listen: 127.0.0.1:${admin}
store: { kind: sqlite, path: ${path.join(dir, 'store.db')} }
idl: []
limits: { header_timeout_ms: 2000, idle_timeout_ms: 5000 }
routes:
  - { id: stable, method: "*", path: /stable/*rest, proxy: { upstream_http: ['127.0.0.1:${stable.port}'] } }
  - { id: flaky, method: "*", path: /flaky/*rest, proxy: { upstream_http: ['127.0.0.1:${flaky.port}'] } }
  - { id: reloaded, method: GET, path: /reloaded, proxy: { upstream_http: ['127.0.0.1:${stable.port}'] } }
`);
  const proc = spawnSluice(['start', '--config', config], { env: { SLUICE_ADMIN_TOKEN: TOKEN }, cwd: dir });
  await proc.waitFor(/io_backend=/, 60_000);
  await waitForPort(admin, 30_000);
  const pid = proc.child.pid!;
  const t0 = Date.now();

  const counts = { requests: 0, unexpected: 0, expected: 0, reloads: 0, reloadFailures: 0, restarts: 0 };
  const errorKinds = new Map<string, number>();
  const note = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const fresh = new http.Agent({ keepAlive: false });
  let deadline = Date.now() + MINUTES * 60_000;
  let died: string | undefined;
  proc.child.once('exit', (code, signal) => {
    if (stopping) return;
    died = `gateway exited unexpectedly (code ${code}, signal ${signal}) at t=${((Date.now() - t0) / 1000).toFixed(0)} s; last output:\n\n\`\`\`\n${proc.output().slice(-3000)}\n\`\`\``;
    deadline = 0;  // stop the load; the report says what happened
  });
  let stopping = false;

  const mix = [
    { method: 'GET', path: '/stable/a?x=1', agent: keepAlive, expect: 200 },
    { method: 'POST', path: '/stable/post', agent: keepAlive, expect: 200, body: 'p'.repeat(2048) },
    { method: 'GET', path: '/stable/big', agent: keepAlive, expect: 200 },
    { method: 'GET', path: '/stable/new-conn', agent: fresh, expect: 200 },
    { method: 'GET', path: '/flaky/x', agent: keepAlive, expect: 200 },
    { method: 'GET', path: '/reloaded', agent: keepAlive, expect: 200 },
    { method: 'GET', path: '/nowhere', agent: keepAlive, expect: 404 },
  ];
  const one = (i: number): Promise<void> => new Promise((resolve) => {
    const m = mix[i % mix.length]!;
    const flakyDown = m.path.startsWith('/flaky') && !flaky.up;
    const req = http.request({ host: '127.0.0.1', port: listen, method: m.method, path: m.path, agent: m.agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        counts.requests++;
        if (res.statusCode === m.expect) return resolve();
        // The flaky upstream may be down, or coming back (pooled connections reset): 502/503/504 there are expected.
        if (m.path.startsWith('/flaky') && [502, 503, 504].includes(res.statusCode ?? 0)) counts.expected++;
        else {
          counts.unexpected++;
          note(`${m.method} ${m.path} → ${res.statusCode}`);
        }
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      counts.requests++;
      if (flakyDown) counts.expected++;
      else {
        counts.unexpected++;
        note(`${m.method} ${m.path} → ${e.message}`);
      }
      resolve();
    });
    req.end(m.body);
  });
  const workers = Array.from({ length: CONCURRENCY }, async (_, w) => {
    for (let i = w; Date.now() < deadline; i += CONCURRENCY) await one(i);
  });

  // Hot reloads: flip the /reloaded route between the two upstreams through the admin API.
  const reloader = (async () => {
    let n = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, RELOAD_EVERY_MS));
      const port = n++ % 2 === 0 ? stable2.port : stable.port;
      const res = await fetch(`http://127.0.0.1:${admin}/v1/routes/reloaded`, {
        method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'GET', path: '/reloaded', proxy: { upstream_http: [`127.0.0.1:${port}`] } }),
      }).catch(() => undefined);
      counts.reloads++;
      const text = (await res?.text()) ?? 'no answer';
      if (!res || res.status !== 200) {
        counts.reloadFailures++;
        note(`reload → ${res?.status} ${text.slice(0, 160)}`);
      }
    }
  })();
  // Upstream restarts: the flaky upstream goes away for RESTART_DOWN_MS every RESTART_EVERY_MS.
  const restarter = (async () => {
    while (RESTART_EVERY_MS > 0 && Date.now() + RESTART_EVERY_MS < deadline) {
      await new Promise((r) => setTimeout(r, RESTART_EVERY_MS));
      await flaky.stop();
      await new Promise((r) => setTimeout(r, RESTART_DOWN_MS));
      await flaky.start();
      counts.restarts++;
    }
  })();

  const samples: Sample[] = [];
  const take = () => samples.push({ t: (Date.now() - t0) / 1000, rssKiB: vmRssKiB(pid), fds: fdCount(pid), ...counts });
  take();
  const sampler = setInterval(take, SAMPLE_S * 1000);
  await Promise.all([...workers, reloader, restarter]);
  clearInterval(sampler);
  take();
  keepAlive.destroy();
  stopping = true;
  const exitCode = await proc.stop();
  await stable.stop();
  await stable2.stop();
  await flaky.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  writeReport(samples.filter((s) => s.rssKiB > 0), counts, errorKinds, exitCode, died);
  if (died) process.exitCode = 1;
}

function writeReport(samples: Sample[], counts: Record<string, number>, kinds: Map<string, number>, exitCode: number | null, died: string | undefined): void {
  const warm = samples.find((s) => s.t >= Math.min(120, (MINUTES * 60) / 5)) ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  const growth = ((last.rssKiB - warm.rssKiB) / warm.rssKiB) * 100;
  const maxRss = Math.max(...samples.map((s) => s.rssKiB));
  const fds = samples.map((s) => s.fds);
  const mib = (k: number) => (k / 1024).toFixed(1);
  const svg = chart(samples, warm.t);
  const svgName = OUT.replace(/\.md$/, '') === 'RESULTS' ? 'rss.svg' : `${OUT.replace(/\.md$/, '')}.svg`;
  fs.writeFileSync(path.join(__dirname, svgName), svg);
  const rows = samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 20)) === 0 || i === samples.length - 1)
    .map((s) => `| ${s.t.toFixed(0)} | ${mib(s.rssKiB)} | ${s.fds} | ${s.requests} | ${s.expected} | ${s.unexpected} |`);
  const md = `# Soak results — ${LABEL}

Generated by \`node --import tsx bench/soak/soak.ts --minutes ${MINUTES}\` on ${new Date().toISOString().slice(0, 16)}Z
(${os.cpus().length} vCPU, node ${process.version}). The gateway ran as \`sluice start\` (2 workers, proxy routes);
${CONCURRENCY} client loops mixed keep-alive GET/POST (2 KiB bodies), 256 KiB responses, new connections per request,
404s; the \`/reloaded\` route was replaced through \`PUT /v1/routes/reloaded\` every ${RELOAD_EVERY_MS / 1000} s and the
flaky upstream ${RESTART_EVERY_MS > 0 ? `was stopped for ${RESTART_DOWN_MS / 1000} s every ${RESTART_EVERY_MS / 1000} s` : 'was never restarted (--restart-every-s 0)'}.

| metric | value |
|---|---|
| duration | ${last.t.toFixed(0)} s |
| requests | ${counts.requests} |
| unexpected errors | ${counts.unexpected} |
| expected errors (flaky upstream down/restarting) | ${counts.expected} |
| hot reloads (failed) | ${counts.reloads} (${counts.reloadFailures}) |
| upstream restarts | ${counts.restarts} |
| RSS after warm-up (t=${warm.t.toFixed(0)} s) → end | ${mib(warm.rssKiB)} MiB → ${mib(last.rssKiB)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %; target < 5 %) |
| peak RSS | ${mib(maxRss)} MiB |
| open fds min / max / end | ${Math.min(...fds)} / ${Math.max(...fds)} / ${last.fds} |
| gateway exit code after SIGTERM | ${exitCode} |

${died ? `**${died}**\n\n` : ''}${kinds.size ? `Unexpected errors by kind:\n\n${[...kinds].map(([k, v]) => `- ${k}: ${v}`).join('\n')}\n` : 'No unexpected errors.\n'}
![RSS over time](${svgName})

| t (s) | RSS (MiB) | fds | requests | expected errors | unexpected errors |
|---|---|---|---|---|---|
${rows.join('\n')}
`;
  fs.writeFileSync(path.join(__dirname, OUT), md);
  console.log(md);
}

/** A dependency-free SVG line chart of RSS (MiB) over time, with the warm-up boundary marked. */
function chart(samples: Sample[], warmT: number): string {
  const W = 720, H = 300, L = 60, B = 40, T = 20, R = 20;
  const maxT = Math.max(1, ...samples.map((s) => s.t));
  const ys = samples.map((s) => s.rssKiB / 1024);
  const lo = Math.floor(Math.min(...ys) * 0.9), hi = Math.ceil(Math.max(...ys) * 1.1);
  const x = (t: number) => L + ((W - L - R) * t) / maxT;
  const y = (v: number) => T + (H - T - B) * (1 - (v - lo) / Math.max(1, hi - lo));
  const pts = samples.map((s) => `${x(s.t).toFixed(1)},${y(s.rssKiB / 1024).toFixed(1)}`).join(' ');
  const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="${W}" height="${H}" fill="white"/>
<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>
${ticks.map((v) => `<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text><line x1="${L}" y1="${y(v)}" x2="${W - R}" y2="${y(v)}" stroke="#ddd"/>`).join('\n')}
<text x="${L}" y="${T - 6}">RSS (MiB) of sluice start — ${LABEL}</text>
<text x="${(W + L) / 2}" y="${H - 8}" text-anchor="middle">time (s), 0 … ${maxT.toFixed(0)}</text>
<line x1="${x(warmT)}" y1="${T}" x2="${x(warmT)}" y2="${H - B}" stroke="#999" stroke-dasharray="4 3"/><text x="${x(warmT) + 4}" y="${T + 12}" fill="#666">warm-up ends</text>
<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${pts}"/>
</svg>
`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
