/**
 * The Python backend fixture itself, called with Sluice's own Thrift RPC client in all three dialects the suite
 * uses: it answers, records exact values and raises TApplicationException as the e2e tests assume, so a failing
 * e2e test points at the gateway, not at the fixture.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TType } from '../../../src/thrift/protocol';
import { createClient } from '../../../src/thrift/rpc/client';
import { startPyBackend, type PyBackend } from './harness';

const DIALECTS = [['framed', 'binary'], ['buffered', 'compact'], ['header', 'compact']] as const;

for (const [transport, protocol] of DIALECTS) {
  describe(`python backend fixture (${transport}/${protocol})`, () => {
    let be: PyBackend;
    before(async () => { be = await startPyBackend(transport, protocol); });
    after(() => be.close());

    test('Add(2^53+1, 2) answers 2^53+3 and records both arguments exactly', async () => {
      const c = await createClient({ port: be.port, transport, protocol, timeoutMs: 5000 });
      try {
        const sum = await c.call('Add', false, (w) => {
          w.writeStructBegin();
          w.writeFieldBegin(TType.I64, 1); w.writeI64(9007199254740993n); w.writeFieldEnd();
          w.writeFieldBegin(TType.I32, 2); w.writeI32(2); w.writeFieldEnd();
          w.writeFieldStop(); w.writeStructEnd();
        }, (r) => {
          r.readStructBegin();
          let v: bigint | undefined;
          for (;;) {
            const type = r.readFieldBegin();
            if (type === TType.STOP) break;
            if (r.fieldId === 0 && type === TType.I64) v = r.readI64(); else r.skip(type);
            r.readFieldEnd();
          }
          r.readStructEnd();
          return v;
        });
        assert.equal(sum, 9007199254740995n);
        assert.deepEqual(be.last(), { fn: 'Add', args: { a: 9007199254740993n, b: 2 } });
      } finally {
        c.destroy();
      }
    });

    test('Ghost is unknown to the backend processor: TApplicationException UNKNOWN_METHOD', async () => {
      const c = await createClient({ port: be.port, transport, protocol, timeoutMs: 5000 });
      try {
        await assert.rejects(c.call('Ghost', false, (w) => { w.writeStructBegin(); w.writeFieldStop(); w.writeStructEnd(); }, () => undefined),
          (e: { type?: number }) => e.type === 1);
      } finally {
        c.destroy();
      }
    });
  });
}
