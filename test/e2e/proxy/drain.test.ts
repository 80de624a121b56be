import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, proxyRoute, request, startProxy, startUpstream, type Upstream } from './harness';

/** Upstream that answers /slow only when `release()` is called, everything else at once. */
async function gatedUpstream() {
  const waiting: Array<() => void> = [];
  let arrived: (() => void) | undefined;
  const up = await startUpstream((req, res) => {
    const answer = () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 4 });
      res.end('done');
    };
    if (req.url.startsWith('/slow')) {
      waiting.push(answer);
      arrived?.();
    } else {
      answer();
    }
  });
  return {
    up,
    whenSlowArrives: () => new Promise<void>((r) => (waiting.length > 0 ? r() : (arrived = r))),
    release: () => waiting.splice(0).forEach((f) => f()),
  };
}

/** Polls until connecting is refused (the listeners are gone) or 10 s pass; no event announces it. */
async function waitRefused(port: number): Promise<boolean> {
  const until = Date.now() + 10000;
  while (Date.now() < until) {
    if (await connectRefused(port)) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

function connectRefused(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      r(false);
    });
    s.on('error', () => r(true));
  });
}

for (const backend of BACKENDS) {
  describe(`drain and snapshots on ${backend}`, () => {
    let gate: Awaited<ReturnType<typeof gatedUpstream>>;
    let other: Upstream;
    before(async () => {
      gate = await gatedUpstream();
      other = await startUpstream((_req, res) => {
        res.writeHead(200, { 'content-length': 5 });
        res.end('other');
      });
    });
    after(async () => {
      gate.release();
      await gate.up.close();
      await other.close();
    });

    test('drain stops accepting, finishes the in-flight request, then resolves', async () => {
      const engine = await startProxy(backend, [proxyRoute('all', '/*rest', [`127.0.0.1:${gate.up.port}`], { timeoutMs: 5000 })]);
      const inflight = request(engine.port, { path: '/slow' });
      await gate.whenSlowArrives();
      const drained = engine.drain(5000);
      let resolved = false;
      void drained.then(() => (resolved = true));
      // New connections are refused once the listeners are closed.
      assert.ok(await waitRefused(engine.port), 'listener closed during drain');
      assert.equal(resolved, false, 'drain waits for the in-flight request');
      gate.release();
      const r = await inflight;
      assert.equal(r.status, 200);
      assert.equal(r.body.toString(), 'done');
      assert.equal(r.headers.connection, 'close');
      await drained;
    });

    test('drain closes what is still in flight when the grace period ends', async () => {
      const engine = await startProxy(backend, [proxyRoute('all', '/*rest', [`127.0.0.1:${gate.up.port}`], { timeoutMs: 5000 })]);
      const inflight = request(engine.port, { path: '/slow' }).then(() => 'answered', () => 'cut');
      await gate.whenSlowArrives();
      const t0 = Date.now();
      await engine.drain(200);
      assert.ok(Date.now() - t0 < 3000);
      assert.equal(await inflight, 'cut');
      gate.release();
    });

    test('publish swaps routes atomically while an in-flight request keeps its snapshot', async () => {
      const engine = await startProxy(backend, [proxyRoute('v1', '/*rest', [`127.0.0.1:${gate.up.port}`], { timeoutMs: 5000 })]);
      const agent = new http.Agent({ keepAlive: true });
      try {
        const inflight = request(engine.port, { path: '/slow' });
        await gate.whenSlowArrives();
        engine.publish({ version: 2, thriftUpstreams: [], routes: [proxyRoute('v2', '/other', [`127.0.0.1:${other.port}`])] });
        const next = await request(engine.port, { path: '/other', agent });
        assert.equal(next.body.toString(), 'other');
        assert.equal((await request(engine.port, { path: '/slow2', agent })).status, 404);
        gate.release();
        const r = await inflight;
        assert.equal(r.body.toString(), 'done', 'the in-flight request finished on version 1');
        const ids = engine.stats().routes.map((x) => x.id).sort();
        assert.deepEqual(ids, ['v1', 'v2']);
      } finally {
        agent.destroy();
        await engine.close();
      }
    });

    test('SIGTERM drains in-flight requests and the process exits 0', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'fixtures/drain-child.ts'), backend, `127.0.0.1:${gate.up.port}`, '5000'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      const port = await new Promise<number>((res, rej) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /port=(\d+)/.exec(out);
          if (m) res(Number(m[1]));
        });
        child.on('exit', (code) => rej(new Error(`child exited early (${code}): ${out}`)));
      });
      assert.match(out, new RegExp(`io_backend=${backend} workers=2`));
      const inflight = request(port, { path: '/slow' });
      await gate.whenSlowArrives();
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      assert.ok(await waitRefused(port), 'listeners closed after SIGTERM');
      gate.release();
      assert.equal((await inflight).status, 200);
      assert.equal(await exited, 0);
      assert.match(out, /drained/);
    });
  });
}
