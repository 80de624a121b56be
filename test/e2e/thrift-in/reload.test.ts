/**
 * Thrift listeners and hot reload (docs/thrift-listeners.md): the listen address is bound at start, but the
 * upstream a listener forwards to follows the live config version, per call, for open connections too.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freePort } from '../../helpers/ports';
import { BACKENDS, RawClient, callMessage, decodeReply, framed, replyingUpstream, startGateway } from '../../interop/thrift-in/gateway';

const TOKEN = 'thrift-in-reload-token';

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: hot reload`, () => {
    test('changing the listener\'s upstream through the admin API reroutes the next call of an open connection', async () => {
      const a = await replyingUpstream('from A');
      const b = await replyingUpstream('from B');
      const port = await freePort();
      const gw = await startGateway(io, `upstreams:
  up: { endpoints: ['127.0.0.1:${a.port}'], transport: framed, protocol: binary }
thrift_listeners:
  - { listen: '127.0.0.1:${port}', service: interop.Interop, upstream: up }
`, { env: { SLUICE_ADMIN_TOKEN: TOKEN } });
      const c = new RawClient(port);
      try {
        await c.send(framed(callMessage('echoString', 1, 'x')));
        assert.equal(decodeReply((await c.replies(1))[0]!).success, 'from A');
        const res = await fetch(`http://127.0.0.1:${gw.adminPort}/v1/upstreams/up`, {
          method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ endpoints: [`127.0.0.1:${b.port}`], transport: 'framed', protocol: 'binary' }),
        });
        assert.equal(res.status, 200, await res.text());
        await gw.proc.waitFor(/config version 2 applied/, 5000);
        await c.send(framed(callMessage('echoString', 2, 'x')));
        assert.deepEqual(((r) => [r.seqid, r.success])(decodeReply((await c.replies(1))[0]!)), [2, 'from B']);
      } finally {
        c.close();
        await gw.stop();
        await a.close();
        await b.close();
      }
    });
  });
}
