/**
 * RPC round trips per second over loopback: our client + server vs npm thrift 0.24 client + server, same
 * run, same method (testMulti), framed binary, each server and client in its own process; our side is
 * `sluice codegen` output for test/interop/rpc/interop.thrift. Three rounds;
 * the median of each is written to bench/rpc/RESULTS.md and the ratio printed.
 * Usage: node --import tsx bench/rpc/run.ts [SECONDS=2]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedBindings } from '../../test/interop/rpc/helpers/bindings';
import { freePort, generatePeerCode, type GeneratedPeers } from '../../test/interop/rpc/helpers/peers';

const HERE = __dirname;
const REPO = path.resolve(HERE, '../..');
const SECONDS = Number(process.argv[2] ?? 2);
const CONCURRENCY = [1, 32];
const ROUNDS = 3;
const env = { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') };
const tsx = ['--import', 'tsx'];

type Impl = 'sluice' | 'npm';

function run(args: string[], onLine?: (line: string, kill: () => void) => void): { done: Promise<string>; kill: () => void } {
  const child = spawn(process.execPath, args, { env, cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const kill = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const line of d.toString().split('\n')) if (line) onLine?.(line, kill);
  });
  const done = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  return { done, kill };
}

let codegenDir = '';

async function startServer(impl: Impl, gen: GeneratedPeers, port: number) {
  const args = impl === 'sluice'
    ? [...tsx, path.join(HERE, 'our-server.ts'), codegenDir, String(port)]
    : [path.join(REPO, 'test/interop/rpc/peers/js_server.js'), gen.genJs, String(port), 'binary', 'framed', 'plain'];
  let ready!: () => void;
  const listening = new Promise<void>((r) => { ready = r; });
  const proc = run(args, (line) => { if (line.includes('listening')) ready(); });
  await listening;
  return proc;
}

async function measure(impl: Impl, gen: GeneratedPeers, concurrency: number): Promise<number> {
  const port = await freePort();
  const server = await startServer(impl, gen, port);
  const args = impl === 'sluice'
    ? [...tsx, path.join(HERE, 'our-client.ts'), codegenDir, String(port), String(SECONDS), String(concurrency)]
    : [path.join(HERE, 'npm-client.js'), gen.genJs, String(port), String(SECONDS), String(concurrency)];
  const out = await run(args).done;
  server.kill();
  await server.done;
  return JSON.parse(out.trim().split('\n').pop()!).rps as number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const gen = generatePeerCode();
  const ours = generatedBindings();
  codegenDir = ours.dir;
  const results = new Map<string, number[]>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const concurrency of CONCURRENCY) {
        for (const impl of ['sluice', 'npm'] as const) {
          const rps = await measure(impl, gen, concurrency);
          const key = `${impl}@${concurrency}`;
          results.set(key, [...(results.get(key) ?? []), rps]);
          console.log(`round ${round + 1} ${impl.padEnd(6)} in flight ${String(concurrency).padStart(2)}: ${Math.round(rps)} round trips/s`);
        }
      }
    }
  } finally {
    gen.remove();
    ours.remove();
  }
  const rows = CONCURRENCY.map((c) => {
    const ours = median(results.get(`sluice@${c}`)!), theirs = median(results.get(`npm@${c}`)!);
    return { c, ours, theirs, ratio: ours / theirs };
  });
  for (const r of rows) console.log(`in flight ${r.c}: sluice ${Math.round(r.ours)}/s, npm thrift ${Math.round(r.theirs)}/s, ratio ${r.ratio.toFixed(2)}x`);
  const md = [
    '# RPC benchmark results',
    '',
    'Round trips per second over loopback, `testMulti(i8, i32, i64) → Xtruct`, framed binary, server and client each in',
    `their own node process; ${SECONDS} s per measurement, median of ${ROUNDS} rounds. Regenerate with`,
    '`node --import tsx bench/rpc/run.ts`.',
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}, `
      + `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (rounds interleave the two implementations so load`
      + ' hits both alike; absolute numbers on a loaded machine are low, the ratio is the result).',
    '',
    '| calls in flight | sluice client + server | npm thrift 0.24 client + server | ratio |',
    '|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.c} | ${Math.round(r.ours)} | ${Math.round(r.theirs)} | ${r.ratio.toFixed(2)}× |`),
    '',
    'Every round:',
    '',
    ...[...results].map(([k, v]) => `- ${k}: ${v.map((x) => Math.round(x)).join(', ')}`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(HERE, 'RESULTS.md'), md);
}

void main();
