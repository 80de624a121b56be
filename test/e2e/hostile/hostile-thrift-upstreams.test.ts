/**
 * Hostile Thrift upstreams behind a REST→Thrift route (issue 9 §3: wrong seqid, oversized frame, silence,
 * reset, garbage), on both io backends; a concurrent well-behaved client keeps getting answers throughout.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfigText } from '../../../src/config/load';
import { startEngine, type Engine } from '../../../src/native/engine';
import { compilePlan } from '../../../src/plan';
import { compileGatewayConfig, matchRoute, type ThriftTarget } from '../../../src/routes';
import { BACKENDS, rawExchange, rawServer, waitFor, wellBehavedClient, type RawServer } from './hostile-harness';
import { proxyRoute, startUpstream, type Upstream } from './hostile-harness';


const IDL = join(__dirname, '../transcode/fixtures/inventory.thrift');
const TIMEOUT_MS = 400;

function getItemPlan(): Uint8Array {
  const yaml = `idl: [${IDL}]\nupstreams:\n  inv: { endpoints: ['127.0.0.1:9'] }\nservices:\n  - { service: inventory.InventoryService, upstream: inv }\n`;
  const { config, problems } = loadConfigText(yaml, join(__dirname, 'sluice.yaml'));
  assert.ok(config, JSON.stringify(problems));
  const r = compileGatewayConfig(config);
  assert.ok(r.schema);
  const m = matchRoute(r.table, 'GET', '/v1/items/1');
  assert.equal(m.kind, 'found');
  if (m.kind !== 'found') throw new Error('unreachable');
  return compilePlan(r.schema, m.route.target as ThriftTarget, { protocol: 'binary', transport: 'framed' });
}

/** A framed binary REPLY to GetItem with `seqid`, carrying an empty ItemResp success. */
function reply(seqid: number): Buffer {
  const name = Buffer.from('GetItem');
  const body = Buffer.concat([
    Buffer.from([0x80, 0x01, 0x00, 0x02]), u32(name.length), name, u32(seqid),
    Buffer.from([0x0c, 0x00, 0x00, 0x00, 0x00]),  // field 0 struct {} , stop
  ]);
  return Buffer.concat([u32(body.length), body]);
}
function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}
/** Reads the seqid of the first framed binary CALL that arrives. */
function onCall(s: import('node:net').Socket, cb: (seqid: number) => void): void {
  let acc = Buffer.alloc(0);
  const onData = (c: Buffer) => {
    acc = Buffer.concat([acc, c]);
    if (acc.length < 4 || acc.length < 4 + acc.readUInt32BE(0)) return;
    s.off('data', onData);
    const nameLen = acc.readUInt32BE(8);
    cb(acc.readInt32BE(12 + nameLen));
  };
  s.on('data', onData);
}

for (const backend of BACKENDS) {
  describe(`hostile thrift upstreams on ${backend}`, () => {
    const bad: Record<string, RawServer> = {};
    let good: Upstream;
    let engine: Engine;
    before(async () => {
      good = await startUpstream((_q, res) => res.end('pong'));
      bad.wrongSeqid = await rawServer((s) => onCall(s, (seq) => s.write(reply(seq + 1))));
      bad.oversized = await rawServer((s) => onCall(s, () => s.write(Buffer.concat([u32(0x7fffffff), Buffer.alloc(1024)]))));
      bad.silent = await rawServer(() => undefined);
      bad.reset = await rawServer((s) => onCall(s, (seq) => {
        s.write(reply(seq).subarray(0, 10));
        setTimeout(() => s.resetAndDestroy(), 20);
      }));
      bad.garbage = await rawServer((s) => onCall(s, () => s.end(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'))));
      bad.dribble = await rawServer((s) => onCall(s, (seq) => {
        const bytes = reply(seq);
        let i = 0;
        const t = setInterval(() => (s.destroyed || i >= bytes.length ? clearInterval(t) : s.write(bytes.subarray(i, ++i))), 2);
      }));
      const plan = getItemPlan();
      const names = Object.keys(bad);
      engine = await startEngine({
        listen: '127.0.0.1:0', workers: 2, ioBackend: backend, limits: {},
        snapshot: {
          version: 1,
          routes: [
            proxyRoute('good', '/good', [`127.0.0.1:${good.port}`]),
            ...names.map((n) => ({ id: n, methods: ['GET'], path: `/${n}/v1/items/:item_id`, target: { kind: 'thrift' as const, upstream: n, plan } })),
          ],
          thriftUpstreams: names.map((n) => ({
            name: n, endpoints: [`127.0.0.1:${bad[n]!.port}`], transport: 'framed' as const, protocol: 'binary' as const,
            connectTimeoutMs: 300, timeoutMs: n === 'dribble' ? 3000 : TIMEOUT_MS, maxConnections: 8,
          })),
        },
      });
    });
    after(async () => {
      await engine.close();
      await Promise.all([good.close(), ...Object.values(bad).map((s) => s.close())]);
    });

    async function expectStatus(name: string, status: RegExp): Promise<string> {
      const client = wellBehavedClient(engine.port, '/good', 'pong');
      try {
        await waitFor(() => client.report.ok > 0, 5000, 'a well-behaved answer');
        const r = await rawExchange(engine.port, `GET /${name}/v1/items/7 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`, 5000);
        assert.match(r.text, status);
        return r.text;
      } finally {
        const rep = await client.stop();
        assert.deepEqual(rep.failures, []);
      }
    }

    test('a reply carrying the wrong seqid gives 502 upstream_error', async () => {
      assert.match(await expectStatus('wrongSeqid', /^HTTP\/1\.1 502 /), /upstream_error/);
    });
    test('an oversized frame length gives 502 without allocating it', async () => {
      await expectStatus('oversized', /^HTTP\/1\.1 502 /);
    });
    test('a silent Thrift upstream gives 504 upstream_timeout', async () => {
      assert.match(await expectStatus('silent', /^HTTP\/1\.1 504 /), /upstream_timeout/);
    });
    test('a reset mid-frame gives 502', async () => {
      await expectStatus('reset', /^HTTP\/1\.1 502 /);
    });
    test('a non-Thrift answer gives 502', async () => {
      await expectStatus('garbage', /^HTTP\/1\.1 502 /);
    });
    test('a reply dribbled byte by byte is decoded into a 200', async () => {
      await expectStatus('dribble', /^HTTP\/1\.1 200 /);
    });
  });
}
