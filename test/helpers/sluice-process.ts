/** Runs `sluice <args>` as a child process from the TypeScript sources; `stop` sends SIGTERM and waits. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const bin = path.resolve(__dirname, '../../bin/sluice.js');

export interface SluiceProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the output matches `re` (rejects after `timeoutMs` or if the process exits first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
}

export function spawnSluice(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): SluiceProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: opts.cwd, env: { ...process.env, SLUICE_FROM_SOURCE: '1', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => { out += d.toString('utf8'); for (const w of waiters) w(); };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', () => { for (const w of waiters) w(); });
  return {
    child,
    output: () => out,
    waitFor(re, timeoutMs = 20000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`timed out waiting for ${re}; output:\n${out}`)); }, timeoutMs);
        const check = () => {
          const m = out.match(re);
          if (m) { clearTimeout(timer); waiters.delete(check); resolve(m); }
          else if (child.exitCode !== null || child.signalCode !== null) { clearTimeout(timer); waiters.delete(check); reject(new Error(`sluice exited (${child.exitCode ?? child.signalCode}) before ${re}; output:\n${out}`)); }
        };
        waiters.add(check);
        check();
      });
    },
    async stop(timeoutMs = 15000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
