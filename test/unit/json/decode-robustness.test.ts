/**
 * Garbage in, typed error out: mutated and random bytes fed to thriftToJson through both readers must
 * either decode or throw a SluiceError — never a TypeError/RangeError, a stack overflow or a hang.
 * Deterministic (seeded) so that a failure reproduces.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { jsonToThrift, thriftToJson } from '../../../src/json';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter, TType } from '../../../src/thrift/protocol';
import type { ProtocolReader } from '../../../src/thrift/protocol';
import { SluiceError } from '../../../src/errors';
import { people, T } from './schema-fixture';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sample = '{"name":"ann","mail":"a@b","id":"-9","tags":["x","y"],"attrs":{"k":1},"inner":{"a":1,"b":"q"},' +
  '"color":2,"blob":"AAEC","score":-0.0,"byId":{"5":1},"choice":{"inner":{}},"tiny":-1,"uid":"00112233-4455-6677-8899-aabbccddeeff",' +
  '"flags":[true],"bm":{"true":1},"items":[{"id":"i","kids":{"c":{"id":"j"}}}],"bigs":[1,2],"short":3,"dm":{"1.5":"d"},"cm":{"1":1},' +
  '"next":{"name":"n","next":{"name":"m"}}}';

function decodeOrTypedError(reader: ProtocolReader, where: string): void {
  try {
    thriftToJson(people, T.struct('Person'), reader);
  } catch (err) {
    assert.ok(err instanceof SluiceError, `${where}: ${String((err as Error)?.stack ?? err)}`);
  }
}

for (const [name, W, R] of [['binary', BinaryWriter, BinaryReader], ['compact', CompactWriter, CompactReader]] as const) {
  test(`${name}: mutated and random inputs decode or fail with a SluiceError`, () => {
    const w = new W();
    jsonToThrift(people, T.struct('Person'), sample, w);
    const valid = w.finish().slice();
    decodeOrTypedError(new R(valid), 'valid');
    const rand = rng(name === 'binary' ? 1 : 2);
    for (let i = 0; i < 4000; i++) {
      const input = valid.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < flips; f++) input[Math.floor(rand() * input.length)] = Math.floor(rand() * 256);
      const cut = rand() < 0.2 ? Math.floor(rand() * input.length) : input.length;
      decodeOrTypedError(new R(input.subarray(0, cut)), `mutation ${i}`);
    }
    for (let i = 0; i < 2000; i++) {
      const input = new Uint8Array(1 + Math.floor(rand() * 64));
      for (let j = 0; j < input.length; j++) input[j] = Math.floor(rand() * 256);
      decodeOrTypedError(new R(input), `random ${i}`);
      const skipper = new R(input);
      try { skipper.skip(TType.STRUCT); } catch (err) { assert.ok(err instanceof SluiceError, String(err)); }
    }
  });
}
