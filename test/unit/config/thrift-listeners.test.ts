/** §8 `thrift_listeners`: one service or a list of them, duplicate addresses, and what reaches the engine snapshot. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadConfigText } from '../../../src/config/load';
import { ConfigCodes } from '../../../src/config/problems';
import { compileGatewayConfig } from '../../../src/routes';
import { buildSnapshot } from '../../../src/gateway/snapshot';
import { encodeSnapshot } from '../../../src/native/snapshot';

const IDL = path.resolve(__dirname, '../../interop/rpc/interop.thrift');
const load = (body: string) => loadConfigText(`idl: [${IDL}]
upstreams:
  up: { endpoints: ['127.0.0.1:9090'], transport: buffered, protocol: compact }
${body}`, '/cfg/sluice.yaml', { env: {}, cwd: '/work' });

test('a listener may serve one service or a list; the first one serves unprefixed names', () => {
  const { config, problems } = load(`thrift_listeners:
  - { listen: 127.0.0.1:7090, service: interop.Interop, upstream: up }
  - { listen: 127.0.0.1:7091, transport: header, service: [interop.Second, interop.Interop], upstream: up }
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(config!.thriftListeners.map((l) => [l.service, l.services, l.transport, l.protocol]), [
    ['interop.Interop', ['interop.Interop'], 'framed', 'binary'],
    ['interop.Second', ['interop.Second', 'interop.Interop'], 'header', 'binary'],
  ]);
});

test('two listeners on one address, an empty service list and a repeated service are config errors', () => {
  const { problems } = load(`thrift_listeners:
  - { listen: 127.0.0.1:7090, service: interop.Interop, upstream: up }
  - { listen: 127.0.0.1:7090, service: [], upstream: up }
  - { listen: 127.0.0.1:7092, service: [interop.Interop, interop.Interop], upstream: up }
`);
  assert.deepEqual(problems.map((p) => `${p.loc?.line} ${p.code}`).sort(), [
    `6 ${ConfigCodes.badValue}`, `6 ${ConfigCodes.duplicate}`, `7 ${ConfigCodes.duplicate}`,
  ]);
});

test('the snapshot carries each service with its multiplexed names, every function and oneway from the IDL', () => {
  const { config } = load(`services:
  - { service: interop.Interop, upstream: up, multiplexed_name: Interop }
thrift_listeners:
  - { listen: 127.0.0.1:7090, service: [interop.Interop, interop.Second], upstream: up }
`);
  const r = compileGatewayConfig(config!);
  assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
  const snap = buildSnapshot(3, config!, r.schema, r.table);
  const [l] = snap.thriftListeners!;
  assert.equal(l!.listen, '127.0.0.1:7090');
  assert.deepEqual(l!.services.map((s) => [s.service, s.muxNames, s.upstreamMuxName]), [
    ['interop.Interop', ['Interop', 'interop.Interop'], 'Interop'],
    ['interop.Second', ['Second', 'interop.Second'], undefined],
  ]);
  const fns = new Map(l!.services[0]!.functions.map((f) => [f.name, f.oneway]));
  assert.equal(fns.get('testOneway'), true);
  assert.equal(fns.get('echoString'), false);
  assert.equal(fns.size, 13);
  // The listener section follows the upstreams in the encoded bytes.
  const bytes = Buffer.from(encodeSnapshot(snap));
  assert.ok(bytes.includes(Buffer.from('127.0.0.1:7090')) && bytes.includes(Buffer.from('secondtestString')));
});
