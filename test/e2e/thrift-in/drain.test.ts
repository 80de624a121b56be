/**
 * Thrift listeners and SIGTERM (contract §1 drain): a call in flight when the gateway is told to stop still gets
 * its reply, idle Thrift connections are closed, and the process exits 0. Both io backends.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freePort } from '../../helpers/ports';
import { BACKENDS, RawClient, callMessage, decodeReply, eventually, framed, replyingUpstream, startGateway } from '../../interop/thrift-in/gateway';

for (const io of BACKENDS) {
  describe(`Thrift listeners on ${io}: drain on SIGTERM`, () => {
    test('a call in flight at SIGTERM is answered, an idle connection is closed, and sluice exits 0', async () => {
      const up = await replyingUpstream('late', 2000);
      const port = await freePort();
      const gw = await startGateway(io, `upstreams:
  late: { endpoints: ['127.0.0.1:${up.port}'], transport: framed, protocol: binary }
shutdown_grace_ms: 5000
thrift_listeners:
  - { listen: '127.0.0.1:${port}', service: interop.Interop, upstream: late }
`);
      const busy = new RawClient(port);
      const idle = new RawClient(port);
      try {
        await idle.send(Buffer.alloc(0));
        await busy.send(framed(callMessage('echoString', 8, 'x')));
        // Both connections are accepted and the call is at the upstream before the stop (slow sanitizer builds too).
        await eventually(async () => up.received() >= 1 &&
          new RegExp(`connections_active\\{listener="127\\.0\\.0\\.1:${port}"\\} 2`).test(await gw.metrics()), 'the call at the upstream');
        const exited = gw.stop();
        assert.equal(await idle.closedWithin(3000), true, 'the idle connection is closed');
        const r = decodeReply((await busy.replies(1, 5000))[0]!);
        assert.deepEqual([r.seqid, r.success], [8, 'late']);
        assert.equal(await exited, 0);
      } finally {
        busy.close();
        idle.close();
        await gw.stop();
        await up.close();
      }
    });
  });
}
