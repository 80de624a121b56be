/** Starts a real etcd (Debian etcd-server) on loopback in a temp dir for one test; `stop` kills and cleans up. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './ports';

export interface EtcdInstance { endpoint: string; stop(): Promise<void> }

export async function startEtcd(): Promise<EtcdInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-etcd-'));
  const client = await freePort();
  const peer = await freePort();
  const endpoint = `http://127.0.0.1:${client}`;
  const proc: ChildProcess = spawn('etcd', ['--name', 't', '--data-dir', dir,
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
    '--initial-cluster', `t=http://127.0.0.1:${peer}`, '--log-level', 'error'], { stdio: 'ignore' });
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const r = await fetch(endpoint + '/health');
      if (r.ok && ((await r.json()) as { health?: string }).health === 'true') break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('etcd exited during start');
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error('etcd did not become healthy in 15 s'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    async stop() {
      if (proc.exitCode === null) { proc.kill('SIGKILL'); await new Promise((r) => proc.once('exit', r)); }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
