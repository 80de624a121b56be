/** Starting an Apache Thrift Python peer (Debian python3-thrift) that prints "ready PORT" once it listens. */
import { spawn, type ChildProcess } from 'node:child_process';

/** Debian's interpreter: a pyenv python3 earlier on PATH lacks the Debian thrift module. */
export const PYTHON = '/usr/bin/python3';

export interface PythonPeer {
  readonly child: ChildProcess;
  readonly port: number;
  /** SIGTERM, resolved once it exited (at once if it already had). */
  stop(): Promise<void>;
}

/** Runs `script args…` with PYTHON; resolves with the port it announces, rejects with its output if it exits or is silent for 15 s. */
export async function startPythonPeer(script: string, args: string[]): Promise<PythonPeer> {
  const child = spawn(PYTHON, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`python peer ${script} did not start: ${out}`)), 15000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`python peer ${script} exited ${code}: ${out}`)); });
  });
  return {
    child, port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
