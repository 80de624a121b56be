/** Cross-file generated code: included types, enums, typedefs, defaults and `extends` across modules. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createClient, createServer } from 'sluice/runtime';
import { Doc, DocsClient, DocsDefinition, LocalMeta, TOP, type DocsHandler } from './expected/input.js';
import { BaseClient, Denied, DeniedError, Level, Meta } from './expected/shared.js';

test('a struct built from included types round-trips, with the included struct\'s defaults applied', () => {
  const doc: Doc = { title: 't', meta: { created: 5n }, aliased: { created: 6n, level: Level.HIGH }, history: new Map([[Level.LOW, [1n, 2n]]]) };
  const back = Doc.fromCompact(Doc.toCompact(doc));
  assert.deepEqual(back, { ...doc, meta: { created: 5n, level: Level.LOW }, level: Level.HIGH });
  assert.equal(TOP, Level.HIGH);
  assert.equal(LocalMeta, Meta, 'a typedef of a struct names the same codec');
  assert.deepEqual(Denied.fromBinary(Denied.toBinary({ message: 'm' })), { message: 'm' });
});

test('a service extending an included service serves and calls inherited and own methods', async () => {
  const handler: DocsHandler = {
    meta(at) { if (at === 0n) throw new DeniedError({ message: 'no' }); return { created: at!, level: Level.HIGH }; },
    fetch(title) { return { title: title! }; },
  };
  const server = createServer({ services: { definition: DocsDefinition, handler } });
  const { port } = await server.listen(0, '127.0.0.1');
  const conn = await createClient({ port });
  try {
    const client = new DocsClient(conn);
    assert.ok(client instanceof BaseClient);
    assert.deepEqual(await client.meta(3n), { created: 3n, level: Level.HIGH });
    assert.deepEqual(await client.fetch('x'), { title: 'x', level: Level.HIGH });
    await assert.rejects(client.meta(0n), (e: unknown) => e instanceof DeniedError && e.message === 'no');
  } finally {
    await conn.close();
    await server.close();
  }
});
