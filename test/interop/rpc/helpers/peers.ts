/**
 * Starts and drives the foreign peers (Apache Thrift Python 0.17, npm thrift 0.24) as child processes.
 * Code for both is generated from interop.thrift into a temporary directory at test time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../../helpers/ports';

export type PeerName = 'python' | 'npm';
export type MatrixProtocol = 'binary' | 'compact' | 'header';
export type MatrixTransport = 'buffered' | 'framed';

export interface MatrixConfig {
  readonly protocol: MatrixProtocol;
  readonly transport: MatrixTransport;
  readonly multiplexed: boolean;
  /**
   * THeader extras (Python peers only; npm thrift has no THeader transforms): `zlib` adds the zlib transform
   * and an `authorization` info header to every call, `compact-zlib` also puts compact inside THeader.
   */
  readonly variant?: 'zlib' | 'compact-zlib';
}

export const configLabel = (c: MatrixConfig) =>
  `${c.protocol}/${c.transport}/${c.multiplexed ? 'multiplexed' : 'plain'}${c.variant ? `/${c.variant}` : ''}`;

const HERE = path.resolve(__dirname, '..');
const REPO = path.resolve(HERE, '../../..');
const PYTHON = '/usr/bin/python3'; // a pyenv python3 earlier on PATH cannot see Debian's thrift module

export interface GeneratedPeers {
  readonly dir: string;
  readonly genPy: string;
  readonly genJs: string;
  remove(): void;
}

/** Runs `thrift --gen py` and `thrift --gen js:node,es6` on interop.thrift into a fresh temporary directory. */
export function generatePeerCode(): GeneratedPeers {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-rpc-interop-'));
  const genPy = path.join(dir, 'gen-py');
  const genJs = path.join(dir, 'gen-js');
  for (const [out, gen] of [[genPy, 'py'], [genJs, 'js:node,es6']] as const) {
    fs.mkdirSync(out);
    const r = spawnSync('thrift', ['--gen', gen, '-out', out, path.join(HERE, 'interop.thrift')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`thrift --gen ${gen} failed: ${r.stderr || r.error}`);
  }
  return { dir, genPy, genJs, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// freePort: a loopback port nobody listens on right now, never one handed out before in this process.
export { freePort };

function peerCommand(peer: PeerName, role: 'server' | 'client', gen: GeneratedPeers, port: number, c: MatrixConfig) {
  const args = [String(port), c.protocol, c.transport, c.multiplexed ? 'multiplexed' : 'plain', ...(c.variant ? [c.variant] : [])];
  return peer === 'python'
    ? { cmd: PYTHON, args: [path.join(HERE, 'peers', `py_${role}.py`), gen.genPy, ...args], env: process.env }
    : { cmd: process.execPath, args: [path.join(HERE, 'peers', `js_${role}.js`), gen.genJs, ...args],
      env: { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') } };
}

export interface RunningPeer {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts a peer server and resolves once it accepts connections. */
export async function startPeerServer(peer: PeerName, gen: GeneratedPeers, c: MatrixConfig): Promise<RunningPeer> {
  const port = await freePort();
  const { cmd, args, env } = peerCommand(peer, 'server', gen, port, c);
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const stop = () => stopChild(child);
  try {
    await waitConnectable(port, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function waitConnectable(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`peer server exited (${child.exitCode}): ${output()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`peer server never listened on ${port}: ${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PeerClientRun {
  /** Check name → undefined when it passed, else the failure text. */
  readonly results: ReadonlyMap<string, string | undefined>;
  readonly output: string;
  readonly exitCode: number | null;
}

/** Runs a peer's client checks against `port` (60 s cap) and parses its `ok NAME` / `FAIL NAME: why` lines. */
export function runPeerClient(peer: PeerName, gen: GeneratedPeers, port: number, c: MatrixConfig): Promise<PeerClientRun> {
  const { cmd, args, env } = peerCommand(peer, 'client', gen, port, c);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const results = new Map<string, string | undefined>();
      for (const line of output.split('\n')) {
        const ok = /^ok (\S+)$/.exec(line);
        if (ok) results.set(ok[1]!, undefined);
        const fail = /^FAIL (\S+?): (.*)$/.exec(line);
        if (fail) results.set(fail[1]!, fail[2]!);
      }
      resolve({ results, output, exitCode: code });
    });
  });
}
