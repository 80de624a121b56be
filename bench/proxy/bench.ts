/**
 * Sluice vs nginx as an HTTP/1.1 reverse proxy (issue 4 §8). Same upstream (an nginx serving static
 * bodies), same run, wrk with keep-alive, 64 connections, 1 thread; bodies of 128 B, 4 KiB, 64 KiB;
 * 3 interleaved runs, medians. nginx is configured fairly: same worker count, HTTP/1.1 upstream with
 * keepalive, `proxy_set_header Connection ""`, access_log off. Also measures Sluice's RSS with
 * 10,000 idle keep-alive connections. Writes RESULTS.md and chart.svg next to this file.
 * Not a test: `bash bench/proxy/run.sh`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const HERE = __dirname;
const ROOT = resolve(HERE, '../..');
const ALL_SIZES = [
  { name: '128 B', path: '/128', bytes: 128 },
  { name: '4 KiB', path: '/4k', bytes: 4096 },
  { name: '64 KiB', path: '/64k', bytes: 65536 },
];
// BENCH_SIZES=128,64k picks bodies by path; BENCH_OUT=dir writes the report there instead of bench/proxy.
const SIZES = process.env.BENCH_SIZES ? ALL_SIZES.filter((s) => process.env.BENCH_SIZES?.split(',').includes(s.path.slice(1))) : ALL_SIZES;
const OUT = process.env.BENCH_OUT ?? HERE;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
// Worker counts to compare at (each proxy gets the same count): 1, and one per core (both proxies' default).
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? `1,${os.availableParallelism()}`).split(',').map(Number).filter((n, i, a) => n > 0 && a.indexOf(n) === i);
const CONNS = 64;
const IDLE = Number(process.env.BENCH_IDLE ?? 10000);
const CLK_TCK = 100;

interface Sample { rps: number; p99ms: number; cpuPerK: number }

function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => r(p));
    });
  });
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((res, rej) => execFile(cmd, args, { maxBuffer: 16 << 20 }, (e, out, err) => (e ? rej(new Error(`${cmd}: ${err}`)) : res(out))));
}

function waitPort(port: number): Promise<void> {
  return new Promise((res) => {
    const tryOnce = () => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => { s.destroy(); res(); });
      s.on('error', () => setTimeout(tryOnce, 50));
    };
    tryOnce();
  });
}

function cpuTicks(pids: number[]): number {
  let t = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    t += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
  }
  return t;
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function childPids(pid: number): Promise<number[]> {
  const out = await run('pgrep', ['-P', String(pid)]).catch(() => '');
  return out.split('\n').filter(Boolean).map(Number);
}

function startNginx(dir: string, conf: string): ChildProcess {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'nginx.conf'), conf);
  return spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function parseWrk(out: string): { rps: number; p99ms: number; requests: number } {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const m = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(out);
  const scale = m?.[2] === 'us' ? 1e-3 : m?.[2] === 's' ? 1e3 : 1;
  return { rps, requests, p99ms: m ? Number(m[1]) * scale : NaN };
}

async function measure(port: number, path: string, pids: () => Promise<number[]>): Promise<Sample> {
  const url = `http://127.0.0.1:${port}${path}`;
  await run('wrk', ['-t1', `-c${CONNS}`, '-d1s', url]); // warm pools and caches
  const ps = await pids();
  const before = cpuTicks(ps);
  const out = await run('wrk', ['-t1', `-c${CONNS}`, `-d${SECONDS}s`, '--latency', url]);
  const after = cpuTicks(ps);
  const w = parseWrk(out);
  return { rps: w.rps, p99ms: w.p99ms, cpuPerK: (after - before) / CLK_TCK / (w.requests / 1000) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function chart(rows: Array<{ name: string; rps: number; p99: number; cpu: number }>): string {
  const W = Math.max(640, 80 + rows.length * 120), H = 320, left = 60, bottom = 40, top = 30;
  const max = Math.max(2, ...rows.flatMap((r) => [r.rps, r.p99, r.cpu])) * 1.1;
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const groupW = (W - left - 20) / rows.length;
  const colors = ['#2b6cb0', '#dd6b20', '#38a169'];
  const labels = ['requests/s', 'p99 latency', 'CPU per request'];
  let bars = '';
  rows.forEach((r, i) => {
    [r.rps, r.p99, r.cpu].forEach((v, k) => {
      const x = left + i * groupW + 15 + k * ((groupW - 30) / 3);
      const bw = (groupW - 30) / 3 - 4;
      bars += `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(y(0) - y(v)).toFixed(1)}" fill="${colors[k]}"/>`;
      bars += `<text x="${(x + bw / 2).toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" font-size="10" text-anchor="middle">${v.toFixed(2)}</text>`;
    });
    bars += `<text x="${(left + i * groupW + groupW / 2).toFixed(1)}" y="${H - bottom + 16}" font-size="12" text-anchor="middle">${r.name}</text>`;
  });
  const legend = labels.map((l, k) => `<rect x="${left + k * 150}" y="8" width="10" height="10" fill="${colors[k]}"/><text x="${left + k * 150 + 14}" y="17" font-size="11">${l}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>${legend}
<line x1="${left}" y1="${y(1)}" x2="${W - 10}" y2="${y(1)}" stroke="#444" stroke-dasharray="4 3"/>
<text x="${left - 6}" y="${y(1) + 4}" font-size="10" text-anchor="end">1.0 = nginx</text>
<line x1="${left}" y1="${y(0)}" x2="${W - 10}" y2="${y(0)}" stroke="#000"/>${bars}
<text x="${W / 2}" y="${H - 6}" font-size="11" text-anchor="middle">Sluice / nginx (higher is better for requests/s; lower for p99 and CPU)</text>
</svg>
`;
}

interface Row {
  name: string; slRps: number; ngRps: number; slP99: number; ngP99: number; slCpu: number; ngCpu: number; hdRps: number; hdCpu: number;
  /** Sluice req/s over nginx req/s within each run (the pair measured back to back), lowest and highest. */
  runRatios: [number, number];
}
type SizeSamples = { sluice: Sample[]; nginx: Sample[]; nginxSameHeaders: Sample[] };
interface WorkerResult { workers: number; backend: string; rows: Row[]; samples: Record<string, SizeSamples> }

/** nginx as a reverse proxy at `workers` workers; `extra` adds directives to its location block. */
function startNginxProxy(dir: string, name: string, workers: number, port: number, upPort: number, extra: string): ChildProcess {
  return startNginx(join(dir, name), `worker_processes ${workers}; pid ${dir}/${name}.pid; error_log ${dir}/${name}-error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:${upPort}; keepalive 256; }
  server { listen 127.0.0.1:${port}; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection "";${extra} } } }`);
}

// The request headers Sluice adds to every proxied request (issue 4 §5); the second nginx adds them too.
const SAME_HEADERS = ' proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto $scheme; proxy_set_header X-Request-Id $request_id;';

/** Both proxies at `workers` workers, interleaved runs; stops them afterwards unless keepSluice. */
async function benchAt(dir: string, upPort: number, workers: number, procs: ChildProcess[]): Promise<WorkerResult & { sluice: ChildProcess; slPort: number }> {
  const [ngPort, hdPort, slPort] = [await freePort(), await freePort(), await freePort()];
  const nginx = startNginxProxy(dir, `proxy${workers}`, workers, ngPort, upPort, '');
  const nginxHd = startNginxProxy(dir, `proxy${workers}h`, workers, hdPort, upPort, SAME_HEADERS);
  procs.push(nginx, nginxHd);
  // Plain node on the compiled engine (dist/, built by run.sh): the tsx loader would inflate the RSS figure.
  const sluice = spawn(process.execPath, [join(ROOT, 'dist/bench/proxy/sluice-server.js'), String(slPort), `127.0.0.1:${upPort}`, String(workers), 'auto'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  procs.push(sluice);
  const backend = await new Promise<string>((r) => sluice.stdout?.on('data', (c: Buffer) => { const m = /ready \d+ (\S+)/.exec(c.toString()); if (m) r(m[1]); }));
  await Promise.all([waitPort(ngPort), waitPort(hdPort), waitPort(slPort)]);
  const pidsOf = (p: ChildProcess) => async () => [p.pid ?? 0, ...(await childPids(p.pid ?? 0))];
  const sluicePids = async () => [sluice.pid ?? 0];
  const samples: Record<string, SizeSamples> = {};
  for (const s of SIZES) samples[s.name] = { sluice: [], nginx: [], nginxSameHeaders: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const s of SIZES) {
      samples[s.name].sluice.push(await measure(slPort, s.path, sluicePids));
      samples[s.name].nginx.push(await measure(ngPort, s.path, pidsOf(nginx)));
      samples[s.name].nginxSameHeaders.push(await measure(hdPort, s.path, pidsOf(nginxHd)));
      const last = (xs: Sample[]) => xs.at(-1)?.rps.toFixed(0);
      process.stderr.write(`workers ${workers} run ${run + 1} ${s.name}: sluice ${last(samples[s.name].sluice)} rps, nginx ${last(samples[s.name].nginx)} rps, nginx+headers ${last(samples[s.name].nginxSameHeaders)} rps\n`);
    }
  }
  nginx.kill('SIGTERM');
  nginxHd.kill('SIGTERM');
  const rows = SIZES.map((s): Row => {
    const sl = samples[s.name].sluice, ng = samples[s.name].nginx, hd = samples[s.name].nginxSameHeaders;
    const m = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
    const paired = sl.map((x, i) => x.rps / ng[i].rps);
    return {
      name: s.name, slRps: m(sl, 'rps'), ngRps: m(ng, 'rps'), slP99: m(sl, 'p99ms'), ngP99: m(ng, 'p99ms'), slCpu: m(sl, 'cpuPerK'), ngCpu: m(ng, 'cpuPerK'),
      hdRps: m(hd, 'rps'), hdCpu: m(hd, 'cpuPerK'), runRatios: [Math.min(...paired), Math.max(...paired)],
    };
  });
  return { workers, backend, rows, samples, sluice, slPort };
}

function sameHeadersTable(rows: Row[]): string {
  return rows.map((r) => `| ${r.name} | ${r.hdRps.toFixed(0)} | **${(r.slRps / r.hdRps).toFixed(2)}** | ${(r.hdCpu * 1000).toFixed(1)} | **${(r.slCpu / r.hdCpu).toFixed(2)}** |`).join('\n');
}

function table(rows: Row[]): string {
  return rows.map((r) => `| ${r.name} | ${r.slRps.toFixed(0)} | ${r.ngRps.toFixed(0)} | **${(r.slRps / r.ngRps).toFixed(2)}** | ${r.runRatios[0].toFixed(2)}–${r.runRatios[1].toFixed(2)} | ${r.slP99.toFixed(2)} | ${r.ngP99.toFixed(2)} | **${(r.slP99 / r.ngP99).toFixed(2)}** | ${(r.slCpu * 1000).toFixed(1)} | ${(r.ngCpu * 1000).toFixed(1)} | **${(r.slCpu / r.ngCpu).toFixed(2)}** |`).join('\n');
}

const README_START = '<!-- bench/proxy: written by bash bench/proxy/run.sh -->';
const README_END = '<!-- /bench/proxy -->';

/** Replaces the README's proxy block (between its markers) with this run's main tables and the chart. */
function writeReadmeBlock(results: WorkerResult[]): void {
  const path = join(ROOT, 'README.md');
  const text = readFileSync(path, 'utf8');
  const a = text.indexOf(README_START), b = text.indexOf(README_END);
  if (a < 0 || b < a) {
    process.stderr.write(`bench: README.md has no ${README_START} … ${README_END} block; not updated\n`);
    return;
  }
  const tables = results.map((r) => `${r.workers} worker${r.workers > 1 ? 's' : ''} each, ${new Date().toISOString().slice(0, 10)}, ${RUNS} interleaved runs (medians; "per run": lowest–highest):

| body | Sluice req/s | nginx req/s | ratio | per run | Sluice p99 ms | nginx p99 ms | ratio | Sluice CPU ms/1k | nginx CPU ms/1k | ratio |
|---|---|---|---|---|---|---|---|---|---|---|
${table(r.rows)}
`).join('\n');
  const block = `${README_START}\n${tables}\n![proxy ratios to nginx](bench/proxy/chart.svg)\n`;
  writeFileSync(path, text.slice(0, a) + block + text.slice(b));
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), `sluice-bench-${process.pid}`);
  mkdirSync(join(dir, 'www'), { recursive: true });
  for (const s of SIZES) writeFileSync(join(dir, 'www', s.path.slice(1)), Buffer.alloc(s.bytes, 'x'));
  const upPort = await freePort();
  const procs: ChildProcess[] = [];
  try {
    const upstream = startNginx(join(dir, 'up'), `worker_processes 1; pid ${dir}/up.pid; error_log ${dir}/up-error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; default_type application/octet-stream;
  server { listen 127.0.0.1:${upPort}; root ${dir}/www; location / { } } }`);
    procs.push(upstream);
    await waitPort(upPort);
    const results: WorkerResult[] = [];
    let idleLine = '';
    for (const [k, workers] of WORKER_COUNTS.entries()) {
      const r = await benchAt(dir, upPort, workers, procs);
      results.push(r);
      if (k === 0 && IDLE > 0) {
        // Idle keep-alive connections: RSS of the whole Sluice process (Node + engine), at the first worker count.
        const rssBefore = rssKiB(r.sluice.pid ?? 0);
        const idle = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'idle-clients.ts'), String(r.slPort), String(IDLE)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        procs.push(idle);
        const opened = await new Promise<number>((res) => idle.stdout?.on('data', (c: Buffer) => { const m = /idle (\d+)/.exec(c.toString()); if (m) res(Number(m[1])); }));
        const rssIdle = rssKiB(r.sluice.pid ?? 0);
        idle.kill('SIGTERM');
        idleLine = `${opened} keep-alive connections (one request each, then idle) held by Sluice (${r.backend}, ${workers} worker(s)):
RSS of the whole process (Node + engine) ${(rssBefore / 1024).toFixed(1)} MiB before, **${(rssIdle / 1024).toFixed(1)} MiB** with them open (target ≤ 64 MiB).`;
      }
      r.sluice.kill('SIGTERM');
    }
    const sections = results.map((r) => `### ${r.workers} worker${r.workers > 1 ? 's' : ''} each (Sluice io_backend=${r.backend})

| body | Sluice req/s | nginx req/s | ratio | per run | Sluice p99 ms | nginx p99 ms | ratio | Sluice CPU ms/1k | nginx CPU ms/1k | ratio |
|---|---|---|---|---|---|---|---|---|---|---|
${table(r.rows)}

Same job for both: nginx also setting X-Forwarded-For, X-Forwarded-Proto and X-Request-Id (\`$request_id\`), as Sluice does on every request:

| body | nginx+headers req/s | Sluice ratio | nginx+headers CPU ms/1k | Sluice CPU ratio |
|---|---|---|---|---|
${sameHeadersTable(r.rows)}
`).join('\n');
    const md = `# Proxy benchmark: Sluice vs nginx

Produced by \`bash bench/proxy/run.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${process.platform}, ${(await run('uname', ['-r'])).trim()}, ${(await run('nproc', [])).trim()} vCPU).
Indicative only: load generator, proxy and upstream share the same small VM; load average at the end of the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}
(other jobs were running on the machine when this was recorded if that is well above 2).${process.env.BENCH_NOTE ? `\nNote: ${process.env.BENCH_NOTE}` : ''}

Setup: upstream = nginx (1 worker) serving static bodies. Proxies, each with the same worker count: Sluice (defaults)
and nginx ${(await run('/usr/sbin/nginx', ['-v']).catch(() => '')).trim() || '1.22'} (\`proxy_http_version 1.1\`, \`proxy_set_header Connection ""\`, upstream \`keepalive 256\`, access_log off).
Load: \`wrk -t1 -c${CONNS} -d${SECONDS}s --latency\` (keep-alive), after a 1 s warm-up; ${RUNS} interleaved runs, medians.
"per run": the lowest and highest req/s ratio of the runs (each Sluice sample over the nginx sample measured right
after it): how far one run can stray on this machine.
CPU = user+system seconds of the proxy process(es) from /proc, per 1,000 requests (shown in ms).
The first table per worker count compares against nginx configured as issue 4 §8 lists. Sluice also sets
X-Forwarded-For, X-Forwarded-Proto and a generated X-Request-Id on every proxied request (§5), which that nginx
does not; the second table compares against a third proxy, nginx with the same three headers, measured in the
same interleaved runs.
Both proxies are measured at one worker and at one worker per core (the default of both).

${sections}
Targets (issue 4): ≥ 1.25× nginx req/s at 128 B, ≥ 1.0× at 64 KiB, CPU per request ≤ 0.8× nginx.

![ratios](chart.svg)

## Idle keep-alive connections

${idleLine || '(not measured in this run: BENCH_IDLE=0)'}

## Raw samples
\`\`\`json
${JSON.stringify(Object.fromEntries(results.map((r) => [`${r.workers} worker(s)`, r.samples])), null, 1)}
\`\`\`
`;
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'RESULTS.md'), md);
    if (OUT === HERE) writeReadmeBlock(results);
    writeFileSync(join(OUT, 'chart.svg'), chart(results.flatMap((r) => r.rows.map((row) => ({ name: `${row.name} ×${r.workers}w`, rps: row.slRps / row.ngRps, p99: row.slP99 / row.ngP99, cpu: row.slCpu / row.ngCpu })))));
    process.stdout.write(md);
  } finally {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  }
}

void main();
