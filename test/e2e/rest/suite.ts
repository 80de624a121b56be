/**
 * One gateway per (io backend, JSON mode) with its three Python backends, fault peers and a plain HTTP server,
 * started in `before` and stopped in `after` of the calling describe, shared by all its tests.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { suiteConfig, type JsonMode } from './config';
import {
  closeClientSockets, deadPort, faultPeer, send, startGateway, startPyBackend,
  type FaultPeer, type Gateway, type IoBackend, type PyBackend, type Reply,
} from './harness';

export interface Suite {
  readonly gw: Gateway;
  readonly fb: PyBackend;
  readonly bc: PyBackend;
  readonly hc: PyBackend;
  /** Requests the plain HTTP server behind the proxy route received (method and URL). */
  readonly proxied: Array<{ method: string; url: string }>;
  /** One request to the gateway (see harness.send). */
  call(method: string, target: string, opts?: Parameters<typeof send>[3]): Promise<Reply>;
}

/** A half reply: a frame header promising 100 bytes, 10 of them, then a TCP reset. */
function resetMidReply(sock: import('node:net').Socket): void {
  const half = Buffer.alloc(14);
  half.writeUInt32BE(100, 0);
  half.writeUInt32BE(0x80010002, 4);
  sock.write(half, () => sock.resetAndDestroy());
}

/** Registers before/after hooks in the current describe; the returned object is filled in by `before`. */
export function useSuite(io: IoBackend, json: JsonMode = {}, maxBodyBytes = 65536): Suite {
  const s = { proxied: [] as Array<{ method: string; url: string }> } as unknown as Suite & Record<string, unknown>;
  let reset: FaultPeer | undefined;
  let garbage: FaultPeer | undefined;
  let silent: FaultPeer | undefined;
  let httpServer: http.Server | undefined;
  const stoppers: Array<() => Promise<unknown>> = [];
  before(async () => {
    const [fb, bc, hc] = await Promise.all([startPyBackend('framed', 'binary'), startPyBackend('buffered', 'compact'), startPyBackend('header', 'compact')]);
    for (const b of [fb, bc, hc]) stoppers.push(() => b.close());
    reset = await faultPeer((sock) => resetMidReply(sock));
    garbage = await faultPeer((sock) => sock.end(Buffer.from('\x00\x00\x00\x08garbage!', 'latin1')));
    silent = await faultPeer(() => undefined);
    stoppers.push(() => reset!.close(), () => garbage!.close(), () => silent!.close());
    httpServer = http.createServer((req, res) => {
      (s.proxied as Array<{ method: string; url: string }>).push({ method: req.method ?? '', url: req.url ?? '' });
      req.resume();
      req.on('end', () => { const body = JSON.stringify({ via: 'proxy', url: req.url }); res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
    });
    await new Promise<void>((r) => httpServer!.listen(0, '127.0.0.1', r));
    stoppers.push(() => new Promise<void>((r) => { httpServer!.closeAllConnections(); httpServer!.close(() => r()); }));
    const ports = { fb: fb.port, bc: bc.port, hc: hc.port, reset: reset.port, silent: silent.port, garbage: garbage.port, dead: await deadPort(), http: (httpServer.address() as AddressInfo).port };
    const gw = await startGateway(io, suiteConfig(ports, json, maxBodyBytes));
    stoppers.unshift(() => gw.stop());
    Object.assign(s, { gw, fb, bc, hc, call: (m: string, t: string, o?: Parameters<typeof send>[3]) => send(gw.port, m, t, o) });
  });
  after(async () => {
    closeClientSockets();
    for (const stop of stoppers) await stop();
  });
  return s;
}
