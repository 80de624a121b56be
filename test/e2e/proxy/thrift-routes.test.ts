/**
 * kind: 'thrift' routes through the engine: HTTP in, the transcoder builds the call, a real TCP Thrift
 * upstream (framed binary, decoded with the reference codecs) answers, the reply becomes JSON.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfigText } from '../../../src/config/load';
import type { Schema } from '../../../src/idl/model';
import { jsonToThrift, thriftToJson } from '../../../src/json';
import type { Engine, SnapshotRoute } from '../../../src/native/engine';
import { compilePlan } from '../../../src/plan';
import { compileGatewayConfig } from '../../../src/routes';
import type { ThriftTarget } from '../../../src/routes';
import { BinaryReader, BinaryWriter, MessageType, TType } from '../../../src/thrift/protocol';
import { BACKENDS, framed, request, startProxy } from './harness';
import { startEngine } from '../../../src/native/engine';

const IDL = join(__dirname, '../transcode/fixtures/inventory.thrift');

function gateway(): { schema: Schema; routes: SnapshotRoute[] } {
  const yaml = `idl: [${IDL}]\nupstreams:\n  inv: { endpoints: ['127.0.0.1:9'] }\nservices:\n  - { service: inventory.InventoryService, upstream: inv }\n`;
  const { config, problems } = loadConfigText(yaml, join(__dirname, 'sluice.yaml'));
  assert.ok(config, JSON.stringify(problems));
  const r = compileGatewayConfig(config);
  assert.ok(r.schema, JSON.stringify(r.problems));
  const schema = r.schema;
  const routes = r.table.routes.map((rt) => ({
    id: rt.id,
    methods: rt.methods === '*' ? ('*' as const) : [...rt.methods],
    path: rt.path,
    target: { kind: 'thrift' as const, upstream: 'inv', plan: compilePlan(schema, rt.target as ThriftTarget) },
  }));
  return { schema, routes };
}

/** A framed-binary Thrift server implementing GetItem (NotFound for id 404), CreateItem and DeleteItem. */
async function inventoryServer(schema: Schema, opts: { silentFor?: bigint } = {}) {
  const calls: string[] = [];
  const socks = new Set<net.Socket>();
  const srv = net.createServer((sock) => {
    socks.add(sock);
    sock.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    sock.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const len = buf.readInt32BE(0);
        const r = new BinaryReader(new Uint8Array(buf.subarray(4, 4 + len)));
        buf = buf.subarray(4 + len);
        const h = r.readMessageBegin();
        r.readStructBegin();
        r.readFieldBegin();
        const argType = h.name === 'CreateItem' ? 'inventory.CreateItemReq' : 'inventory.GetItemReq';
        const args = JSON.parse(thriftToJson(schema, { kind: 'struct', name: argType }, r)) as Record<string, unknown>;
        calls.push(`${h.name} ${JSON.stringify(args)}`);
        if (opts.silentFor !== undefined && args.item_id !== undefined && BigInt(String(args.item_id)) === opts.silentFor) continue;
        const w = new BinaryWriter();
        w.writeMessageBegin(h.name, MessageType.REPLY, h.seqid);
        w.writeStructBegin();
        if (h.name === 'GetItem' && String(args.item_id) === '404') {
          w.writeFieldBegin(TType.STRUCT, 1);
          jsonToThrift(schema, { kind: 'struct', name: 'inventory.NotFound' }, { message: 'no such item', code: 404 }, w);
          w.writeFieldEnd();
        } else if (h.name !== 'DeleteItem') {
          const id = h.name === 'GetItem' ? Number(args.item_id) : 9;
          w.writeFieldBegin(TType.STRUCT, 0);
          jsonToThrift(schema, { kind: 'struct', name: 'inventory.ItemResp' }, { item: { id: String(id), title: String(args.title ?? 'thing'), state: 1 }, etag: `"v${id}"` }, w);
          w.writeFieldEnd();
        }
        w.writeFieldStop();
        w.writeStructEnd();
        sock.write(framed(w.finish()));
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as AddressInfo).port,
    calls,
    close: () => new Promise<void>((r) => { for (const s of socks) s.destroy(); srv.close(() => r()); }),
  };
}

const { schema, routes } = gateway();

for (const backend of BACKENDS) {
  describe(`thrift routes on ${backend}`, () => {
    let server: Awaited<ReturnType<typeof inventoryServer>>;
    let engine: Engine;
    before(async () => {
      server = await inventoryServer(schema, { silentFor: 777n });
      engine = await startEngine({
        listen: '127.0.0.1:0', workers: 2, ioBackend: backend, limits: {},
        snapshot: {
          version: 1, routes,
          thriftUpstreams: [{ name: 'inv', endpoints: [`127.0.0.1:${server.port}`], transport: 'framed', protocol: 'binary', connectTimeoutMs: 1000, timeoutMs: 300, maxConnections: 4 }],
        },
      });
    });
    after(async () => {
      await engine.close();
      await server.close();
    });

    test('GET with path, query and header bindings becomes a call and the reply becomes JSON', async () => {
      const r = await request(engine.port, { path: '/v1/items/42?lang=de', headers: { 'x-trace-id': 't-1' } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.etag, '"v42"');
      assert.match(String(r.headers['content-type']), /^application\/json/);
      assert.deepEqual(JSON.parse(r.body.toString()), { item: { id: '42', title: 'thing', state: 1 } });
      const last = server.calls.at(-1) ?? '';
      assert.match(last, /^GetItem /);
      assert.match(last, /"locale":"de"/);
      assert.match(last, /"trace_id":"t-1"/);
    });

    test('POST body fields are bound and many calls share pooled connections', async () => {
      const rs = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => request(engine.port, { method: 'POST', path: '/v1/items', body: JSON.stringify({ title: `t${i}` }), headers: { 'content-type': 'application/json' } })));
      for (const [i, r] of rs.entries()) {
        assert.equal(r.status, 200);
        assert.equal(JSON.parse(r.body.toString()).item.title, `t${i + 1}`);
      }
    });

    test('a declared exception maps to its http_code with the §6 envelope', async () => {
      const r = await request(engine.port, { path: '/v1/items/404' });
      assert.equal(r.status, 404);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'inventory.NotFound');
    });

    test('void function answers 204', async () => {
      const r = await request(engine.port, { method: 'DELETE', path: '/v1/items/5' });
      assert.equal(r.status, 204);
      assert.equal(r.body.length, 0);
    });

    test('a bad path value is 400 bad_request naming the field, without calling the upstream', async () => {
      const before = server.calls.length;
      const r = await request(engine.port, { path: '/v1/items/notanumber' });
      assert.equal(r.status, 400);
      const e = JSON.parse(r.body.toString()).error;
      assert.equal(e.code, 'bad_request');
      assert.equal(e.field, 'path:item_id');
      assert.equal(server.calls.length, before);
    });

    test('an upstream that does not reply within timeout_ms is 504 upstream_timeout', async () => {
      const r = await request(engine.port, { path: '/v1/items/777' });
      assert.equal(r.status, 504);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'upstream_timeout');
    });
  });
}

describe('thrift upstreams sharing an endpoint', () => {
  for (const backend of BACKENDS) test(`each keeps its own timeout_ms (504 after the shorter one) on ${backend}`, async () => {
    const server = await inventoryServer(schema, { silentFor: 777n });
    const shared = `127.0.0.1:${server.port}`;
    const engine = await startEngine({
      listen: '127.0.0.1:0', workers: 1, ioBackend: backend, limits: {},
      snapshot: {
        version: 1,
        routes: routes.map((r) => ({ ...r, target: { ...r.target, upstream: 'short' } as typeof r.target })),
        thriftUpstreams: [
          { name: 'long', endpoints: [shared], transport: 'framed', protocol: 'binary', connectTimeoutMs: 1000, timeoutMs: 5000, maxConnections: 4 },
          { name: 'short', endpoints: [shared], transport: 'framed', protocol: 'binary', connectTimeoutMs: 1000, timeoutMs: 300, maxConnections: 4 },
        ],
      },
    });
    try {
      const t0 = Date.now();
      const r = await request(engine.port, { path: '/v1/items/777' });
      assert.equal(r.status, 504);
      assert.ok(Date.now() - t0 < 3000);
    } finally {
      await engine.close();
      await server.close();
    }
  });
});

describe('thrift upstream failures', () => {
  test('a refused thrift upstream is 502 upstream_error on both backends', async () => {
    const dead = net.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    for (const backend of BACKENDS) {
      const engine = await startProxy(backend, []);
      engine.publish({ version: 2, routes, thriftUpstreams: [{ name: 'inv', endpoints: [`127.0.0.1:${port}`], transport: 'framed', protocol: 'binary', connectTimeoutMs: 500, timeoutMs: 500, maxConnections: 2 }] });
      const r = await request(engine.port, { path: '/v1/items/1' });
      assert.equal(r.status, 502);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'upstream_error');
      await engine.close();
    }
  });
});
