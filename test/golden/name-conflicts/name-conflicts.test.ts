/** Names that clash with TypeScript, built-ins, Object.prototype or generated helpers are mangled and still work. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createClient, createServer } from 'sluice/runtime';
import {
  ColorNames, ColorNamesNames, ColorNames_, Foo, FooError, FooError_, Map, SClient_, SDefinition, arguments_, common,
  type SHandler,
} from './expected/input.js';

test('Object.prototype member names become `name_` properties and round-trip', () => {
  const v: common = { constructor_: 1, toString_: 2, hasOwnProperty_: 3, valueOf_: 'v' };
  assert.deepEqual(common.fromBinary(common.toBinary(v)), v);
  assert.deepEqual(arguments_.fromCompact(arguments_.toCompact({ r: 1, w: 2, t: 3, rt: 4, value: 5 })), { r: 1, w: 2, t: 3, rt: 4, value: 5 });
});

test('a struct named Map does not shadow the built-in Map the codecs use', () => {
  const v: Map = { m: new globalThis.Map([[1, { x: 1 }]]), thing: { id: 2 } };
  assert.deepEqual(Map.fromBinary(Map.toBinary(v)), v);
});

test('helpers that would clash with user names take a trailing underscore', () => {
  assert.deepEqual(FooError.fromBinary(FooError.toBinary({ x: 1 })), { x: 1 }, 'the user struct keeps its name');
  assert.ok(new FooError_({ name: 1 }) instanceof Error);
  assert.deepEqual(Foo.fromBinary(Foo.toBinary({ message: 'm', name: 1, stack: 2 })), { message: 'm', name: 1, stack: 2 });
  assert.equal(ColorNames_.get(1), 'B');
  assert.equal(ColorNamesNames.get(ColorNames.A), 'A');
});

test('a function named constructor and arguments named options/type work over RPC', async () => {
  const seen: unknown[] = [];
  const handler: SHandler = {
    constructor_(options, type) {
      if (options === 0) throw new FooError_({ message: 'zero', stack: 1 });
      seen.push([options, type]);
    },
  };
  const server = createServer({ services: { definition: SDefinition, handler } });
  const { port } = await server.listen(0, '127.0.0.1');
  const conn = await createClient({ port });
  try {
    const client = new SClient_(conn);
    await client.constructor_(1, 2, { timeoutMs: 5000 });
    await assert.rejects(client.constructor_(0, 0), (e: unknown) => e instanceof FooError_ && e.value.stack === 1);
    assert.deepEqual(seen, [[1, 2]]);
  } finally {
    await conn.close();
    await server.close();
  }
});
