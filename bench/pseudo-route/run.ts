/**
 * Pseudonymization route benchmark (issue 6 §7): one `sluice start` (workers: 1) serving the same small REST→Thrift
 * route twice — POST /plain (no policy) and POST /pseudo (email under siv, phone under ff1) — against one Thrift
 * backend (Sluice's RPC server on `sluice codegen` output, echoing the contact). Variants, same process, same run:
 *   plain  – POST /plain;
 *   pseudo – POST /pseudo, anonymous caller (forward pseudonymization; the reply's pseudonyms pass through);
 *   reid   – POST /pseudo with a bearer token that has the reidentify scope (forward + reverse + audit record).
 * wrk -t1 -cC -dS per variant, ROUNDS interleaved rounds after a warm-up, medians; records the machine load.
 * Writes bench/pseudo-route/RESULTS.md. Usage: node --import tsx bench/pseudo-route/run.ts [SECONDS=5] [CONNECTIONS=32] [ROUNDS=5]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const HERE = __dirname;
const REPO = path.resolve(HERE, '../..');
const SECONDS = Number(process.argv[2] ?? 5);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const ROUNDS = Number(process.argv[4] ?? 5);
const TMP = path.join(REPO, 'bench/results/tmp/pseudo-route'); // inside the repo so generated code resolves `sluice/runtime`
const VARIANTS = ['plain', 'pseudo', 'reid'] as const;
type Variant = (typeof VARIANTS)[number];
const TOKEN = 'bench-reidentify-token';
const CONTACT = { id: 4711, name: 'Ada Lovelace', email: 'ada.lovelace@example.com', active: true, score: 97.5, phone: '+44 20 7946 0958' };

const children: ChildProcess[] = [];
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  children.push(child);
  return { child, output: () => out };
}
function stopAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => { stopAll(); process.exit(130); });

async function waitFor(what: string, cond: () => boolean, output: () => string, child: ChildProcess, ms = 120000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited:\n${output()}`);
    if (Date.now() - t0 > ms) throw new Error(`${what} not ready after ${ms} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
}

/** utime+stime of a process (all its threads) in seconds. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
}

interface Sample { rps: number; cpuPer1k: number; errors: number }

/** One wrk run with the variant's Lua script; CPU of the gateway process over the run. */
function wrk(url: string, script: string, pid: number): Sample {
  const cpu0 = cpuSeconds(pid);
  const out = execFileSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-s', script, url], { encoding: 'utf8' });
  const cpu1 = cpuSeconds(pid);
  const requests = Number(/(\d+) requests in/.exec(out)![1]);
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)?.slice(1).reduce((a, x) => a + Number(x), 0) ?? 0);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]), cpuPer1k: ((cpu1 - cpu0) / requests) * 1000, errors };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function post(port: number, p: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const r = await fetch(`http://127.0.0.1:${port}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(CONTACT) });
  return { status: r.status, body: await r.text() };
}

async function main(): Promise<void> {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  const sluiceBin = path.join(REPO, 'bin/sluice.js');
  execFileSync(process.execPath, [sluiceBin, 'codegen', path.join(HERE, 'bench.thrift'), '--out', path.join(TMP, 'gen')], { env: { ...process.env, SLUICE_FROM_SOURCE: '1' } });

  const thriftPort = await freePort();
  const backend = start(process.execPath, ['--import', 'tsx', path.join(HERE, 'backend.ts'), path.join(TMP, 'gen'), String(thriftPort)]);
  await waitFor('thrift backend', () => backend.output().includes('listening'), backend.output, backend.child);

  const [port, adminPort] = [await freePort(), await freePort()];
  fs.writeFileSync(path.join(TMP, 'keys.yaml'), `keys:\n  - { id: k1, secret_hex: "${createHash('sha256').update('bench key').digest('hex')}", primary: true }\n`);
  const cfg = path.join(TMP, 'sluice.yaml');
  fs.writeFileSync(cfg, `listen: 127.0.0.1:${port}\nworkers: 1\nadmin:\n  listen: 127.0.0.1:${adminPort}\n  tokens:\n` +
    `    - { name: bench, sha256: "${createHash('sha256').update(TOKEN).digest('hex')}", scopes: [read, reidentify] }\n` +
    `store: { kind: sqlite, path: ${path.join(TMP, 'sluice.db')} }\nidl: [${path.join(HERE, 'bench.thrift')}]\n` +
    `upstreams:\n  bench: { endpoints: ['127.0.0.1:${thriftPort}'], transport: framed, protocol: binary, max_connections: 8 }\n` +
    'services:\n  - { service: bench.Bench, upstream: bench }\n' +
    'pseudonymization:\n  keyring: ./keys.yaml\n  policies:\n    email: { method: siv, domain: email }\n    phone: { method: ff1, format: phone, key: k1 }\n');
  const sluice = start(process.execPath, [sluiceBin, 'start', '--config', cfg], { SLUICE_FROM_SOURCE: '1', SLUICE_KEYRING: '' });
  await waitFor('sluice', () => /serving http:\/\//.test(sluice.output()), sluice.output, sluice.child);
  const ioBackend = /io_backend=(\w+)/.exec(sluice.output())?.[1] ?? '?';

  // Check each variant does what it claims before timing it.
  const plain = await post(port, '/plain');
  const anon = await post(port, '/pseudo');
  const reid = await post(port, '/pseudo', { authorization: `Bearer ${TOKEN}` });
  if (plain.status !== 200 || !plain.body.includes(CONTACT.email)) throw new Error(`/plain: ${plain.status} ${plain.body}`);
  if (anon.status !== 200 || anon.body.includes(CONTACT.email) || !anon.body.includes('t1.k1.')) throw new Error(`/pseudo: ${anon.status} ${anon.body}`);
  if (reid.status !== 200 || !reid.body.includes(CONTACT.email) || !reid.body.includes(CONTACT.phone)) throw new Error(`/pseudo reidentified: ${reid.status} ${reid.body}`);

  const body = JSON.stringify(JSON.stringify(CONTACT));
  const lua = (auth: boolean) => `wrk.method = "POST"\nwrk.body = ${body}\nwrk.headers["Content-Type"] = "application/json"\n${auth ? `wrk.headers["Authorization"] = "Bearer ${TOKEN}"\n` : ''}`;
  const scripts: Record<Variant, string> = { plain: path.join(TMP, 'plain.lua'), pseudo: path.join(TMP, 'pseudo.lua'), reid: path.join(TMP, 'reid.lua') };
  fs.writeFileSync(scripts.plain, lua(false));
  fs.writeFileSync(scripts.pseudo, lua(false));
  fs.writeFileSync(scripts.reid, lua(true));
  const url = (v: Variant) => `http://127.0.0.1:${port}${v === 'plain' ? '/plain' : '/pseudo'}`;

  const loadBefore = os.loadavg();
  for (const v of VARIANTS) wrk(url(v), scripts[v], sluice.child.pid!); // warm-up, discarded
  const samples = new Map<Variant, Sample[]>();
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so drift in the machine's load does not favour one variant.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
    for (const v of order) {
      const s = wrk(url(v), scripts[v], sluice.child.pid!);
      process.stderr.write(`round ${round + 1} ${v}: ${s.rps.toFixed(0)} req/s, ${s.cpuPer1k.toFixed(4)} CPU-s/1k, errors ${s.errors}\n`);
      samples.set(v, [...(samples.get(v) ?? []), s]);
    }
  }
  const loadAfter = os.loadavg();
  const med = (v: Variant) => ({ rps: median(samples.get(v)!.map((x) => x.rps)), cpuPer1k: median(samples.get(v)!.map((x) => x.cpuPer1k)),
    errors: samples.get(v)!.reduce((a, x) => a + x.errors, 0), all: samples.get(v)!.map((x) => x.rps.toFixed(0)).join(', ') });
  const [p, a, r] = [med('plain'), med('pseudo'), med('reid')];
  const cost = (x: { rps: number }) => `${((1 - x.rps / p.rps) * 100).toFixed(1)} %`;

  const lines = [
    '# Pseudonymization route benchmark', '',
    `Generated by \`node --import tsx bench/pseudo-route/run.ts ${SECONDS} ${CONNECTIONS} ${ROUNDS}\` on ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, Sluice io_backend=${ioBackend}, workers: 1.`,
    `Machine load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' / ')}, after: ${loadAfter.map((x) => x.toFixed(2)).join(' / ')} — the machine is shared with other engineers' builds and tests, so absolute numbers are noisy; the variants run interleaved in the same process, which is what the ratio relies on.`,
    `wrk -t1 -c${CONNECTIONS} -d${SECONDS}s per variant, ${ROUNDS} rounds (order rotated each round) after a warm-up, medians. Payload: POST of a ${Buffer.byteLength(JSON.stringify(CONTACT))}-byte JSON contact, echoed by the Thrift backend (Sluice's RPC server on \`sluice codegen\` output, framed binary).`,
    'CPU = utime+stime of the gateway process during the run, per 1,000 requests.', '',
    '| variant | what happens | requests/s (median) | all rounds | CPU-s / 1k req | non-2xx + socket errors | cost vs plain |',
    '|---|---|---|---|---|---|---|',
    `| plain | POST /plain, no policy | ${p.rps.toFixed(0)} | ${p.all} | ${p.cpuPer1k.toFixed(4)} | ${p.errors} | – |`,
    `| pseudo | POST /pseudo, email (siv) + phone (ff1) pseudonymized; anonymous caller gets pseudonyms | ${a.rps.toFixed(0)} | ${a.all} | ${a.cpuPer1k.toFixed(4)} | ${a.errors} | ${cost(a)} |`,
    `| reid | as pseudo, caller with the reidentify scope: both fields also restored in the reply, one audit record per policy | ${r.rps.toFixed(0)} | ${r.all} | ${r.cpuPer1k.toFixed(4)} | ${r.errors} | ${cost(r)} |`,
    '',
    `**Target (issue 6): pseudonymization costs ≤ 20 % of the route's requests/s.** pseudo/plain = ${(a.rps / p.rps).toFixed(3)} (cost ${cost(a)}); reid/plain = ${(r.rps / p.rps).toFixed(3)} (cost ${cost(r)}).`,
    '',
    'On two cores wrk, the gateway and the Node backend share the CPU, so requests/s is bounded by all three; the CPU-per-request column shows the gateway\'s own extra work (per-field cost of the native policies: bench/pseudo/RESULTS.md).',
    '',
  ];
  fs.writeFileSync(path.join(HERE, 'RESULTS.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n') + '\n');
}

main().then(() => { stopAll(); process.exit(0); }, (e) => { process.stderr.write(`${(e as Error).stack ?? e}\n`); stopAll(); process.exit(1); });
