import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { spawnSluice } from '../../helpers/sluice-process';
import { adminCall, gatewayConfig, taggedUpstream, within } from './fixtures';

/** GETs `path` in `concurrency` keep-alive loops until `stop()`; counts statuses and bodies. */
function loadGenerator(port: number, path: string, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const bodies = new Map<string, number>();
  const failures: string[] = [];
  let running = true;
  let total = 0;
  const one = () => new Promise<void>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        total++;
        if (res.statusCode !== 200) failures.push(`${res.statusCode} ${body}`);
        else bodies.set(body, (bodies.get(body) ?? 0) + 1);
        resolve();
      });
    });
    req.on('error', (err) => { failures.push(`error ${err.message}`); resolve(); });
  });
  const loops = Array.from({ length: concurrency }, async () => { while (running) await one(); });
  return {
    bodies, failures, get total() { return total; },
    async stop() { running = false; await Promise.all(loops); agent.destroy(); },
  };
}

test('50 route changes under load: zero failed requests, every response from a valid version', async (t) => {
  const a = await taggedUpstream('A');
  const b = await taggedUpstream('B');
  t.after(() => Promise.all([a.close(), b.close()]));
  const g = await gatewayConfig(`store: { kind: sqlite, path: ./data/sluice.db }
routes:
  - { id: r, method: GET, path: /r/*rest, proxy: { upstream_http: [127.0.0.1:${a.port}] } }
`);
  t.after(() => fs.rmSync(g.dir, { recursive: true, force: true }));
  const sluice = spawnSluice(['start', '--config', g.config]);
  t.after(() => sluice.stop());
  await sluice.waitFor(/serving http/);

  const load = loadGenerator(g.listen, '/r/x', 8);
  let version = 1;
  for (let i = 0; i < 50; i++) {
    const target = i % 2 === 0 ? b.port : a.port;
    const r = await adminCall(g.admin, 'PUT', '/v1/routes/r', { method: 'GET', path: '/r/*rest', proxy: { upstream_http: [`127.0.0.1:${target}`] } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.version, ++version);
  }
  // The last change pointed at A (i = 49 is odd): new requests see it within 1 s.
  await within(1000, 'last version live', async () => (await (await fetch(`http://127.0.0.1:${g.listen}/r/x`)).text()) === 'A /r/x');
  await load.stop();

  assert.deepEqual(load.failures, []);
  assert.ok(load.total > 100, `load generator made ${load.total} requests`);
  for (const body of load.bodies.keys()) assert.ok(body === 'A /r/x' || body === 'B /r/x', body);
  assert.ok(load.bodies.get('B /r/x')! > 0, 'versions pointing at B served traffic');
  assert.equal(version, 51);
});
