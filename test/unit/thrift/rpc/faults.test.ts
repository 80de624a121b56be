import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { BinaryReader, BinaryWriter } from '../../../../src/thrift/protocol/binary';
import { MessageType, TType } from '../../../../src/thrift/protocol/protocol';
import { TApplicationExceptionType, readApplicationException } from '../../../../src/thrift/rpc/application-exception';
import { createClient } from '../../../../src/thrift/rpc/client';
import type { ServerOptions } from '../../../../src/thrift/rpc/server';
import type { Envelope } from '../../../../src/thrift/transport/dialect';
import { encodeFrame } from '../../../../src/thrift/transport/framed';
import { MessageDecoder } from '../../../../src/thrift/transport/message-decoder';
import { interopClient } from '../../../interop/rpc/helpers/interop-service';
import { callBytes, rawConnection, startServer } from './harness';

/** Args for echoString whose field 1 nests `depth` structs (a depth bomb). */
function depthBomb(depth: number): Uint8Array {
  const w = new BinaryWriter();
  w.writeMessageBegin('echoString', MessageType.CALL, 1);
  w.writeStructBegin();
  for (let i = 0; i < depth; i++) { w.writeFieldBegin(TType.STRUCT, 9); w.writeStructBegin(); }
  for (let i = 0; i < depth; i++) { w.writeFieldStop(); w.writeStructEnd(); w.writeFieldEnd(); }
  w.writeFieldStop();
  w.writeStructEnd();
  w.writeMessageEnd();
  return w.finish().slice();
}

interface Fault {
  readonly name: string;
  readonly server: Partial<ServerOptions>;
  readonly bytes: Uint8Array;
  readonly endAfter?: boolean;
  readonly code: RegExp;
  /** The application exception type sent before closing, when there is one. */
  readonly reply?: number;
}

const FAULTS: Fault[] = [
  { name: 'an oversized frame', server: {}, bytes: Uint8Array.of(0x7f, 0xff, 0xff, 0xff, 0x80), code: /^SLUICE_E_THRIFT_FRAME_TOO_LARGE$/ },
  { name: 'a frame above a configured 1 KiB limit', server: { maxFrameBytes: 1024 }, bytes: callBytes('echoString', 1, [{ id: 1, name: 's', type: 'string' }], { s: 'x'.repeat(2000) }),
    code: /^SLUICE_E_THRIFT_FRAME_TOO_LARGE$/ },
  { name: 'a truncated frame', server: {}, bytes: callBytes('echoString', 1).subarray(0, 12), endAfter: true, code: /^SLUICE_E_THRIFT_TRUNCATED$/ },
  { name: 'a bad protocol version', server: {}, bytes: encodeFrame(Uint8Array.of(0x80, 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0)), code: /^SLUICE_E_THRIFT_BAD_VERSION$/ },
  { name: 'a depth bomb (framed)', server: {}, bytes: encodeFrame(depthBomb(500)), code: /DEPTH/, reply: TApplicationExceptionType.PROTOCOL_ERROR },
  { name: 'a depth bomb (buffered)', server: { transport: 'buffered' }, bytes: depthBomb(500), code: /^SLUICE_E_THRIFT_DEPTH_LIMIT$/ },
  { name: 'HTTP garbage to a THeader server', server: { transport: 'header' }, bytes: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    code: /^SLUICE_E_THRIFT_UNSUPPORTED_CLIENT_TYPE$/ },
  { name: 'garbage inside a valid frame', server: {}, bytes: encodeFrame(Buffer.from('\x80\x01\x00\x01garbage-garbage')), code: /^SLUICE_E_THRIFT_/ },
  { name: 'a REPLY sent to the server', server: {}, bytes: callBytes('echoString', 3, [], {}, MessageType.REPLY), code: /^SLUICE_E_RPC_BAD_REQUEST$/,
    reply: TApplicationExceptionType.INVALID_MESSAGE_TYPE },
];

for (const f of FAULTS) {
  test(`${f.name} gives a typed error and closes that connection only`, async () => {
    const { server, port, errors } = await startServer({}, f.server);
    const transport = f.server.transport ?? 'framed';
    const good = await createClient({ port, transport: transport === 'header' ? 'framed' : transport });
    const raw = await rawConnection(port);
    raw.socket.write(f.bytes);
    if (f.endAfter) raw.socket.end();
    await raw.closed;
    assert.equal(errors.length, 1, String(errors));
    assert.match((errors[0] as { code?: string }).code ?? String(errors[0]), f.code);
    if (f.reply !== undefined && transport === 'framed') assert.equal(raw.replies[0]?.exception?.type, f.reply);
    assert.equal(await interopClient(good).echoString!('still served'), 'still served');
    await good.close();
    await server.close();
  });
}

test('a client that stops reading its replies does not block other connections', async () => {
  const { server, port } = await startServer({}, { maxPendingWriteBytes: 1024 * 1024 });
  const stuck = net.connect({ host: '127.0.0.1', port });
  await new Promise((r) => stuck.once('connect', r));
  stuck.pause(); // never reads: the server's replies pile up
  const big = callBytes('echoBinary', 1, [{ id: 1, name: 'b', type: 'binary' }], { b: new Uint8Array(4 * 1024 * 1024) });
  for (let i = 0; i < 8; i++) stuck.write(big);
  const good = await createClient({ port, timeoutMs: 5000 });
  for (let i = 0; i < 20; i++) assert.equal(await interopClient(good).echoString!(`n${i}`), `n${i}`);
  stuck.destroy();
  await good.close();
  await server.close(1000);
});

test('a server that stops answering makes calls time out without affecting another connection', async () => {
  const held: net.Socket[] = [];
  const silent = net.createServer((s) => { held.push(s); s.resume(); });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const silentPort = (silent.address() as net.AddressInfo).port;
  const { server, port } = await startServer();
  const stuckClient = await createClient({ port: silentPort, timeoutMs: 50 });
  const good = await createClient({ port });
  const [timedOut, answered] = await Promise.allSettled([interopClient(stuckClient).echoString!('x'), interopClient(good).echoString!('y')]);
  assert.equal(timedOut.status, 'rejected');
  assert.equal((timedOut as PromiseRejectedResult).reason.code, 'SLUICE_E_RPC_TIMEOUT');
  assert.deepEqual(answered, { status: 'fulfilled', value: 'y' });
  stuckClient.destroy();
  for (const s of held) s.destroy();
  await good.close();
  await server.close();
  await new Promise((r) => silent.close(r));
});

test('a reply with a bad protocol version fails the outstanding calls with a typed error and closes the client', async () => {
  const srv = net.createServer((s) => s.once('data', () => s.write(encodeFrame(Uint8Array.of(0x80, 0x09, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0)))));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const caller = await createClient({ port: (srv.address() as net.AddressInfo).port });
  await assert.rejects(interopClient(caller).echoString!('x'), { code: 'SLUICE_E_THRIFT_BAD_VERSION' });
  await caller.closed;
  await new Promise((r) => srv.close(r));
});

test('a THeader call with an unknown transform is answered INVALID_TRANSFORM with its seqid, then that connection closes', async () => {
  const { server, port, errors } = await startServer({}, { transport: 'header' });
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise((r) => socket.once('connect', r));
  // THeader: magic, flags 0, seqid 77, 1 header word: protocol 0, 1 transform, id 3 (snappy), padding.
  const frame = Uint8Array.of(0x0f, 0xff, 0, 0, 0, 0, 0, 77, 0, 1, 0, 1, 3, 0, 1, 2, 3);
  socket.write(Buffer.concat([Buffer.from([0, 0, 0, frame.length]), frame]));
  const decoder = new MessageDecoder('header', 'binary');
  const envelopes: Envelope[] = [];
  socket.on('data', (d) => envelopes.push(...decoder.push(d)));
  await new Promise((r) => socket.once('close', r));
  assert.equal(envelopes.length, 1);
  assert.equal(envelopes[0]!.headerSeqid, 77);
  const r = new BinaryReader(envelopes[0]!.payload);
  const header = r.readMessageBegin();
  assert.equal(header.type, MessageType.EXCEPTION);
  assert.equal(header.seqid, 77);
  assert.equal(readApplicationException(r).type, TApplicationExceptionType.INVALID_TRANSFORM);
  assert.equal((errors[0] as { code?: string }).code, 'SLUICE_E_THRIFT_BAD_HEADER');
  await server.close();
});
