/**
 * The live interop matrix (issue 3 part 4): {binary, compact, header} × {buffered, framed} × {plain,
 * multiplexed}, our client against each peer's server and each peer's client against our server, over real
 * loopback sockets. Peers: Apache Thrift Python 0.17 and npm thrift 0.24, code generated at test time.
 * `header` × `framed` is THeader stacked on a framed transport (Apache cross-test's header over framed).
 * Our side is what users get: the interop IDL is run through `sluice codegen` at test time and the matrix
 * drives the generated InteropClient / InteropDefinition over our runtime.
 * A check may fail only if known_failures.json lists it with a reason; a listed check that passes fails the
 * run, so the list stays true.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, type ClientOptions, type RpcClient } from '../../../src/thrift/rpc/client';
import { callContext, type CallContext } from '../../../src/thrift/rpc/call-context';
import { createServer, type ServerOptions } from '../../../src/thrift/rpc/server';
import { HeaderTransform } from '../../../src/thrift/transport/dialect';
import { generatedBindings, type InteropBindings } from './helpers/bindings';
import { CLIENT_CHECKS } from './helpers/client-checks';
import { createInteropHandler, secondHandler } from './helpers/interop-service';
import { knownFailure, loadKnownFailures, type Direction } from './helpers/known-failures';
import {
  configLabel, generatePeerCode, runPeerClient, startPeerServer, type GeneratedPeers, type MatrixConfig, type PeerName,
} from './helpers/peers';

const PEERS: readonly PeerName[] = (['python', 'npm'] as const).filter((p) => !process.env.SLUICE_INTEROP_PEERS || process.env.SLUICE_INTEROP_PEERS.split(',').includes(p));
const CONFIGS: MatrixConfig[] = (['binary', 'compact', 'header'] as const).flatMap((protocol) =>
  (['buffered', 'framed'] as const).flatMap((transport) =>
    [false, true].map((multiplexed) => ({ protocol, transport, multiplexed }))));

/** THeader with zlib and key/values, binary and compact inside: Python only (npm thrift has no transforms). */
const PYTHON_EXTRA: MatrixConfig[] = [
  { protocol: 'header', transport: 'buffered', multiplexed: false, variant: 'zlib' },
  { protocol: 'header', transport: 'framed', multiplexed: true, variant: 'compact-zlib' },
];

/** Checks every peer client implements (same names as CLIENT_CHECKS). */
const PEER_CLIENT_CHECKS = ['void', 'strings', 'i64Extremes', 'doubles', 'boolList', 'binaries', 'unions', 'kitchen', 'multiArgs',
  'declaredExceptions', 'undeclaredException', 'onewayThenNormal', 'i64MapKeys', 'secondService'];

const known = loadKnownFailures();

const AUTHORIZATION = 'Bearer interop';

function clientOptions(c: MatrixConfig, port: number, service: string | undefined): ClientOptions {
  const base = { port, timeoutMs: 10_000, multiplexedName: c.multiplexed ? service : undefined };
  if (c.protocol !== 'header') return { ...base, transport: c.transport, protocol: c.protocol };
  const extras = c.variant === undefined ? {} : { headerTransforms: [HeaderTransform.ZLIB], headers: { authorization: AUTHORIZATION } };
  return { ...base, ...extras, transport: 'header', protocol: c.variant === 'compact-zlib' ? 'compact' : 'binary', outerFrame: c.transport === 'framed' };
}

/** Wraps a handler so every call records the context it arrived with. */
function recording<T extends object>(handler: T, seen: CallContext[]): T {
  return new Proxy(handler, {
    get: (target, key, receiver) => {
      const v = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? (...a: unknown[]) => { seen.push(callContext()!); return v.apply(target, a); } : v;
    },
  });
}

function serverOptions(b: InteropBindings, c: MatrixConfig, onError: (e: unknown) => void, seen: CallContext[]): ServerOptions {
  const services = [{ definition: b.InteropDefinition, handler: recording(createInteropHandler(b), seen) },
    { definition: b.SecondDefinition, handler: recording(secondHandler, seen) }];
  return c.protocol === 'header'
    ? { services, transport: 'header', onError }
    : { services, transport: c.transport, protocol: c.protocol, onError };
}

/** Compares one run's outcomes with known_failures.json and returns what is wrong. */
function judge(peer: PeerName, direction: Direction, c: MatrixConfig, outcomes: ReadonlyMap<string, string | undefined>,
  expected: readonly string[]): string[] {
  const problems: string[] = [];
  for (const check of expected) {
    const listed = knownFailure(known, peer, direction, check, c);
    if (!outcomes.has(check)) problems.push(`${check}: did not run`);
    else if (outcomes.get(check) !== undefined && listed === undefined) problems.push(`${check}: ${outcomes.get(check)}`);
    else if (outcomes.get(check) === undefined && listed !== undefined) {
      problems.push(`${check}: passes but known_failures.json lists it (${listed.reason})`);
    }
  }
  return problems;
}

describe('RPC interop matrix against Apache Thrift Python 0.17 and npm thrift 0.24', () => {
  let gen: GeneratedPeers;
  let ours: ReturnType<typeof generatedBindings>;
  let b: InteropBindings;
  before(() => {
    gen = generatePeerCode();
    ours = generatedBindings();
    b = ours.bindings;
  });
  after(() => {
    gen?.remove();
    ours?.remove();
  });

  for (const peer of PEERS) {
    for (const c of peer === 'python' ? [...CONFIGS, ...PYTHON_EXTRA] : CONFIGS) {
      test(`our client against the ${peer} server over ${configLabel(c)} passes the method contract`, async () => {
        const server = await startPeerServer(peer, gen, c);
        const outcomes = new Map<string, string | undefined>();
        try {
          for (const [name, check] of Object.entries(CLIENT_CHECKS)) {
            // A fresh connection per check, so one failure cannot hide the others.
            const clients: RpcClient[] = [];
            try {
              const main = await createClient(clientOptions(c, server.port, 'Interop'));
              clients.push(main);
              const second = c.multiplexed ? await createClient(clientOptions(c, server.port, 'Second')) : undefined;
              if (second) clients.push(second);
              await check(b.interopClient(main), second && b.secondClient(second), main, b);
              outcomes.set(name, undefined);
            } catch (e) {
              outcomes.set(name, String((e as Error)?.message ?? e).slice(0, 300));
            } finally {
              for (const cl of clients) cl.destroy();
            }
          }
        } finally {
          await server.stop();
        }
        assert.deepEqual(judge(peer, 'our-client', c, outcomes, Object.keys(CLIENT_CHECKS)), []);
      });

      test(`the ${peer} client against our server over ${configLabel(c)} passes the method contract`, async () => {
        const errors: unknown[] = [];
        const seen: CallContext[] = [];
        const server = createServer(serverOptions(b, c, (e) => errors.push(e), seen));
        const { port } = await server.listen();
        let run;
        try {
          run = await runPeerClient(peer, gen, port, c);
        } finally {
          await server.close(2000);
        }
        const problems = judge(peer, 'their-client', c, run.results, PEER_CLIENT_CHECKS);
        assert.deepEqual(problems, [], run.output.slice(-2000));
        if (c.variant !== undefined) {
          // Every call arrived zlib-compressed, with the caller's key/values and the expected inner protocol.
          assert.ok(seen.length > 10);
          for (const ctx of seen) {
            assert.deepEqual(ctx.dialect.headerTransforms, [HeaderTransform.ZLIB]);
            assert.equal(ctx.headers.get('authorization'), AUTHORIZATION);
            assert.equal(ctx.dialect.protocol, c.variant === 'compact-zlib' ? 'compact' : 'binary');
          }
        }
      });
    }
  }
});
