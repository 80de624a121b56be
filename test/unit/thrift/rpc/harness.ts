/** Loopback client/server fixtures for RPC tests: our server with the interop services, raw sockets, call bytes. */
import * as net from 'node:net';
import { BinaryReader, BinaryWriter } from '../../../../src/thrift/protocol/binary';
import { MessageType, type MessageHeader } from '../../../../src/thrift/protocol/protocol';
import { readApplicationException, type TApplicationException } from '../../../../src/thrift/rpc/application-exception';
import { createServer, type RpcServer, type ServerOptions } from '../../../../src/thrift/rpc/server';
import { encodeFrame } from '../../../../src/thrift/transport/framed';
import { MessageDecoder } from '../../../../src/thrift/transport/message-decoder';
import {
  InteropDefinition, SecondDefinition, createInteropHandler, secondHandler,
} from '../../../interop/rpc/helpers/interop-service';
import { writeStruct, type FieldSchema } from '../../../interop/rpc/helpers/schema-codec';

export type Handler = ReturnType<typeof createInteropHandler>;

/** Starts our server with the interop services on 127.0.0.1:0; `handler` overrides individual methods. */
export async function startServer(overrides: Partial<Handler> = {}, opts: Partial<ServerOptions> = {}) {
  const errors: unknown[] = [];
  const handler = { ...createInteropHandler(), ...overrides };
  const server: RpcServer = createServer({
    services: [{ definition: InteropDefinition, handler }, { definition: SecondDefinition, handler: secondHandler }],
    onError: (e) => errors.push(e),
    ...opts,
  });
  const { port } = await server.listen();
  return { server, port, errors };
}

/** A framed-binary CALL (or other type) of `name` with the given args fields. */
export function callBytes(name: string, seqid: number, fields: readonly FieldSchema[] = [], values: Record<string, unknown> = {},
  type: number = MessageType.CALL): Uint8Array {
  const w = new BinaryWriter();
  w.writeMessageBegin(name, type as 1, seqid);
  writeStruct(w, { name: 'args', fields }, values);
  w.writeMessageEnd();
  return encodeFrame(w.finish());
}

export interface RawReply {
  readonly header: MessageHeader;
  readonly exception: TApplicationException | undefined;
}

/** A raw framed-binary connection that collects decoded replies. */
export async function rawConnection(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  const decoder = new MessageDecoder('framed', 'binary');
  const replies: RawReply[] = [];
  const waiters: Array<() => void> = [];
  socket.on('data', (d) => {
    for (const env of decoder.push(d)) {
      const r = new BinaryReader(env.payload);
      const header = r.readMessageBegin();
      replies.push({ header, exception: header.type === MessageType.EXCEPTION ? readApplicationException(r) : undefined });
    }
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    socket, replies, closed,
    /** Resolves once at least `n` replies have arrived. */
    async waitReplies(n: number): Promise<RawReply[]> {
      while (replies.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return replies;
    },
  };
}

/** A promise with its resolve function exposed, to hold a handler until the test lets it go. */
export function gate<T = void>() {
  let open!: (v: T) => void;
  const promise = new Promise<T>((resolve) => { open = resolve; });
  return { promise, open };
}
