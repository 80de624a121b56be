import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { MessageType } from '../../../../src/thrift/protocol/protocol';
import { TApplicationException, TApplicationExceptionType } from '../../../../src/thrift/rpc/application-exception';
import { callContext } from '../../../../src/thrift/rpc/call-context';
import { createClient } from '../../../../src/thrift/rpc/client';
import { encodeFrame } from '../../../../src/thrift/transport/framed';
import { HeaderTransform } from '../../../../src/thrift/transport/dialect';
import { interopClient, secondClient } from '../../../interop/rpc/helpers/interop-service';
import { callBytes, gate, rawConnection, startServer } from './harness';

test('many calls pipelined on one connection get their own replies when the server answers them out of order', async () => {
  const gates = new Map<string, ReturnType<typeof gate<string>>>();
  const arrived = gate();
  const { server, port } = await startServer({
    echoString: (s: string) => {
      const g = gate<string>();
      gates.set(s, g);
      if (gates.size === 3) arrived.open();
      return g.promise as unknown as string;
    },
  });
  const caller = await createClient({ port });
  const c = interopClient(caller);
  const calls = ['a', 'b', 'c'].map((s) => c.echoString!(s));
  await arrived.promise; // all three are in flight at the server on one connection
  assert.equal(caller.outstanding, 3);
  const order: string[] = [];
  calls.forEach((p) => p.then((v: string) => order.push(v)));
  for (const s of ['c', 'a', 'b']) {
    gates.get(s)!.open(`reply ${s}`);
    await new Promise((r) => setImmediate(r));
  }
  assert.deepEqual(await Promise.all(calls), ['reply a', 'reply b', 'reply c']);
  assert.deepEqual(order, ['reply c', 'reply a', 'reply b']);
  await caller.close();
  await server.close();
});

test('a call that gets no reply in time fails with SLUICE_E_RPC_TIMEOUT, the connection stays usable and the late reply is dropped', async () => {
  const hang = gate<string>();
  const { server, port } = await startServer({
    echoString: (s: string) => (s === 'hang' ? hang.promise : s) as string,
  });
  const caller = await createClient({ port, timeoutMs: 10_000 });
  const c = interopClient(caller);
  const slow = caller.call('echoString', false, (w) => { w.writeStructBegin(); w.writeFieldBegin(11, 1); w.writeString('hang'); w.writeFieldEnd(); w.writeFieldStop(); w.writeStructEnd(); },
    () => 'unexpected', { timeoutMs: 30 });
  await assert.rejects(slow, { code: 'SLUICE_E_RPC_TIMEOUT' });
  assert.equal(caller.outstanding, 0);
  hang.open('late');
  assert.equal(await c.echoString!('after'), 'after');
  await caller.close();
  await server.close();
});

test('a oneway call resolves without waiting for the handler, and the next call is not off by one', async () => {
  const never = gate();
  let calls = 0;
  const { server, port } = await startServer({ testOneway: () => { calls++; return never.promise as unknown as undefined; } });
  const caller = await createClient({ port });
  const c = interopClient(caller);
  assert.equal(await c.testOneway!(1), undefined);
  assert.equal(caller.outstanding, 0);
  assert.equal(await c.echoString!('next'), 'next');
  assert.equal(calls, 1);
  caller.destroy();
  never.open();
  await server.close();
});

test('the server never answers a oneway method, even when it arrives as CALL, and echoes the caller\'s seqids', async () => {
  const { server, port } = await startServer();
  const raw = await rawConnection(port);
  raw.socket.write(callBytes('testOneway', 41, [{ id: 1, name: 'tag', type: 'i32' }], { tag: 1 }, MessageType.CALL));
  raw.socket.write(callBytes('onewayCount', -7));
  const [reply] = await raw.waitReplies(1);
  assert.equal(reply!.header.seqid, -7);
  assert.equal(reply!.header.type, MessageType.REPLY);
  raw.socket.end();
  await raw.closed;
  assert.equal(raw.replies.length, 1);
  await server.close();
});

test('unknown methods get UNKNOWN_METHOD with the caller\'s seqid; unknown oneway messages get nothing', async () => {
  const { server, port } = await startServer();
  const raw = await rawConnection(port);
  raw.socket.write(callBytes('nope', 5, [], {}, MessageType.ONEWAY));
  raw.socket.write(callBytes('nope', 6, [{ id: 1, name: 'x', type: { list: 'string' } }], { x: ['skipped'] }));
  const [reply] = await raw.waitReplies(1);
  assert.equal(reply!.header.seqid, 6);
  assert.equal(reply!.header.name, 'nope');
  assert.equal(reply!.exception?.type, TApplicationExceptionType.UNKNOWN_METHOD);
  raw.socket.destroy();
  await server.close();
});

test('a multiplexed call to an unknown service is rejected with UNKNOWN_METHOD instead of hanging', async () => {
  const { server, port } = await startServer();
  const caller = await createClient({ port, multiplexedName: 'Nobody' });
  const e = await interopClient(caller).echoString!('x').catch((err: unknown) => err);
  assert.ok(e instanceof TApplicationException);
  assert.equal(e.type, TApplicationExceptionType.UNKNOWN_METHOD);
  assert.match(e.message, /unknown service Nobody/);
  await caller.close();
  await server.close();
});

test('one server serves plain and multiplexed clients: bare names go to the first service', async () => {
  const { server, port } = await startServer();
  const plain = await createClient({ port });
  const mux = await createClient({ port, multiplexedName: 'Interop' });
  const second = await createClient({ port, multiplexedName: 'Second' });
  assert.equal(await interopClient(plain).echoString!('p'), 'p');
  assert.equal(await interopClient(mux).echoString!('m'), 'm');
  assert.equal(await secondClient(second).secondtestString!('s'), 'testString("s")');
  for (const c of [plain, mux, second]) await c.close();
  await server.close();
});

test('undeclared handler errors become INTERNAL_ERROR; a thrown TApplicationException keeps its type', async () => {
  const { server, port, errors } = await startServer({
    echoString: (s: string) => {
      if (s === 'app') throw new TApplicationException(TApplicationExceptionType.PROTOCOL_ERROR, 'chosen by handler');
      throw new RangeError('secret detail');
    },
  });
  const caller = await createClient({ port });
  const c = interopClient(caller);
  const internal = await c.echoString!('x').catch((e: unknown) => e);
  assert.ok(internal instanceof TApplicationException);
  assert.equal(internal.type, TApplicationExceptionType.INTERNAL_ERROR);
  assert.doesNotMatch(internal.message, /secret/);
  assert.ok(errors.some((e) => e instanceof RangeError), 'the handler error reaches onError');
  const chosen = await c.echoString!('app').catch((e: unknown) => e);
  assert.equal((chosen as TApplicationException).type, TApplicationExceptionType.PROTOCOL_ERROR);
  await caller.close();
  await server.close();
});

test('a THeader server answers each client in its own dialect: compact with zlib and key/values, framed binary, unframed compact', async () => {
  const { server, port } = await startServer({}, { transport: 'header' });
  const clients = await Promise.all([
    createClient({ port, transport: 'header', protocol: 'compact', headerTransforms: [HeaderTransform.ZLIB], headers: { authorization: 'Bearer x' } }),
    createClient({ port, transport: 'framed', protocol: 'binary' }),
    createClient({ port, transport: 'buffered', protocol: 'compact' }),
  ]);
  for (const caller of clients) assert.equal(await interopClient(caller).echoString!('パ'.repeat(1000)), 'パ'.repeat(1000));
  for (const caller of clients) await caller.close();
  await server.close();
});

test('graceful close answers calls in flight, refuses new connections, then resolves', async () => {
  const held = gate<string>();
  const started = gate();
  const { server, port } = await startServer({ echoString: () => { started.open(); return held.promise as unknown as string; } });
  const caller = await createClient({ port });
  const reply = interopClient(caller).echoString!('x');
  await started.promise;
  const closing = server.close(5000);
  await assert.rejects(createClient({ port, connectTimeoutMs: 1000 }), { code: 'SLUICE_E_RPC_CONNECT' });
  held.open('answered while closing');
  assert.equal(await reply, 'answered while closing');
  await closing;
  await caller.closed;
  assert.equal(server.connections, 0);
});

test('outstanding calls fail with SLUICE_E_RPC_CONNECTION_CLOSED when the server goes away, and later calls fail fast', async () => {
  const sockets: net.Socket[] = [];
  const srv = net.createServer((s) => { sockets.push(s); s.on('data', () => s.destroy()); });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const caller = await createClient({ port: (srv.address() as net.AddressInfo).port });
  await assert.rejects(interopClient(caller).echoString!('x'), { code: 'SLUICE_E_RPC_CONNECTION_CLOSED' });
  await caller.closed;
  await assert.rejects(interopClient(caller).echoString!('y'), { code: 'SLUICE_E_RPC_CONNECTION_CLOSED' });
  await new Promise((r) => srv.close(r));
});

test('a handler sees its call context: method name, seqid, dialect, THeader key/values and the caller\'s address', async () => {
  const seen: unknown[] = [];
  const { server, port } = await startServer({
    echoString: ((s: string) => new Promise((r) => setImmediate(r)).then(() => { // the context survives an await
      const ctx = callContext()!;
      seen.push({ name: ctx.name, transport: ctx.dialect.transport, protocol: ctx.dialect.protocol, auth: ctx.headers.get('authorization'), address: ctx.remoteAddress });
      return s;
    })) as unknown as (s: string) => string,
  }, { transport: 'header' });
  const caller = await createClient({ port, transport: 'header', protocol: 'compact', multiplexedName: 'Interop', headers: { authorization: 'Bearer t0k' } });
  await interopClient(caller).echoString!('x');
  assert.deepEqual(seen, [{ name: 'Interop:echoString', transport: 'header', protocol: 'compact', auth: 'Bearer t0k', address: '127.0.0.1' }]);
  assert.equal(callContext(), undefined);
  await caller.close();
  await server.close();
});

test('a reply that names another method than the call is rejected with SLUICE_E_RPC_BAD_REPLY', async () => {
  const srv = net.createServer((s) => s.on('data', (d) => {
    const seqid = Buffer.from(d).readInt32BE(4 + 8 + 'echoString'.length);
    s.write(encodeFrame(Uint8Array.from(Buffer.concat([Buffer.from([0x80, 1, 0, 2, 0, 0, 0, 5]), Buffer.from('other'),
      Buffer.from([(seqid >>> 24) & 0xff, (seqid >>> 16) & 0xff, (seqid >>> 8) & 0xff, seqid & 0xff, 0])]))));
  }));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const caller = await createClient({ port: (srv.address() as net.AddressInfo).port });
  await assert.rejects(interopClient(caller).echoString!('x'), { code: 'SLUICE_E_RPC_BAD_REPLY' });
  caller.destroy();
  await new Promise((r) => srv.close(r));
});
