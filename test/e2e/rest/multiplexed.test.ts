/**
 * REST→Thrift to a multiplexed upstream (`services[].multiplexed_name`, contract §2): Apache Thrift's Python
 * `TMultiplexedProcessor` serves the catalog under the name "Catalog". Calls go out as `Catalog:Fn`, the backend's
 * replies (which carry the bare method name) are matched back, and a wrong service name — which Apache's server
 * answers by dropping the connection — is 502 upstream_error without harming the next call. Both io backends,
 * framed+binary and THeader+compact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, closeClientSockets, envelope, send, startGateway, startPyBackend, type Gateway, type PyBackend } from './harness';

/** Both backends behind one service entry; explicit route /hc/add goes to the THeader one. */
function gatewayConfig(multiplexedName: string): string {
  const up = (port: number, transport: string, protocol: string) =>
    `{ endpoints: ['127.0.0.1:${port}'], transport: ${transport}, protocol: ${protocol}, timeout_ms: 3000 }`;
  return `upstreams:
  mux: ${up(fb.port, 'framed', 'binary')}
  muxhc: ${up(hc.port, 'header', 'compact')}
services:
  - { service: catalog.Catalog, upstream: mux, multiplexed_name: ${multiplexedName} }
routes:
  - { id: hc-add, method: GET, path: '/hc/add', service: catalog.Catalog, function: Add, upstream: muxhc }
`;
}

let fb: PyBackend;
let hc: PyBackend;

before(async () => {
  fb = await startPyBackend('framed', 'binary', { multiplexedName: 'Catalog' });
  hc = await startPyBackend('header', 'compact', { multiplexedName: 'Catalog' });
});
after(async () => {
  await Promise.all([fb?.close(), hc?.close()]);
  closeClientSockets();
});

for (const io of BACKENDS) {
  describe(`REST→Thrift to a multiplexed upstream on ${io}`, () => {
    let gw: Gateway;

    before(async () => {
      gw = await startGateway(io, gatewayConfig('Catalog'));
    });
    after(async () => {
      await gw?.stop();
    });

    test('GET /v1/add reaches the multiplexed service and returns its i64 result exactly', async () => {
      const r = await send(gw.port, 'GET', '/v1/add?a=9007199254740990&b=3');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json, 9007199254740993n);
      assert.deepEqual(fb.last(), { fn: 'Add', args: { a: 9007199254740990, b: 3 } }); // 2^53 - 2: still exact as a double
    });

    test('a declared exception from the multiplexed service maps to its status and envelope', async () => {
      const r = await send(gw.port, 'GET', '/v1/items/404');
      assert.equal(fb.last().fn, 'GetItem');
      assert.equal(r.status, 404, r.text);
    });

    test('THeader+compact to a multiplexed upstream works the same', async () => {
      const r = await send(gw.port, 'GET', '/hc/add?a=40&b=2');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json, 42);
      assert.deepEqual(hc.last(), { fn: 'Add', args: { a: 40, b: 2 } });
    });

    test('a service name the upstream does not register is 502 upstream_error; the backend stays usable', async () => {
      const wrong = await startGateway(io, gatewayConfig('Inventory'));
      try {
        const before = fb.records().length;
        const r = await send(wrong.port, 'GET', '/v1/add?a=1&b=2');
        assert.equal(r.status, 502, r.text);
        assert.equal(envelope(r).code, 'upstream_error');
        assert.equal(fb.records().length, before, 'the backend never ran the call');
      } finally {
        await wrong.stop();
      }
      const ok = await send(gw.port, 'GET', '/v1/add?a=1&b=2');
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json, 3);
    });
  });
}
