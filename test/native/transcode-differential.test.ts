/**
 * Native transcoder vs the TypeScript reference codecs on inputs the transcode fuzzer found (issue 9 §1,
 * differential fuzzing; the bulk runner is fuzz/differential.ts). Each case pins one disagreement: both sides
 * must accept or reject the same Thrift bytes, and a value that does not fit its type is rejected, never
 * truncated.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfigText } from '../../src/config/load';
import type { Schema } from '../../src/idl/model';
import { thriftToJson } from '../../src/json';
import { loadAddon } from '../../src/native/addon';
import { compileTypePlan } from '../../src/plan';
import { compileGatewayConfig } from '../../src/routes';
import { BinaryReader, CompactReader } from '../../src/thrift/protocol';

interface Native {
  loadPlan(blob: Uint8Array): unknown;
  thriftToJson(plan: unknown, protocol: string, bytes: Uint8Array): string;
}
const native = (loadAddon() as unknown as { transcode: Native }).transcode;

const IDL = join(__dirname, '../e2e/transcode/fixtures/all-types.thrift');
const schema: Schema = (() => {
  const { config } = loadConfigText(`idl: [${IDL}]\n`, join(__dirname, 'sluice.yaml'));
  const r = config ? compileGatewayConfig(config) : undefined;
  assert.ok(r?.schema, 'all-types.thrift compiles');
  readFileSync(IDL);
  return r.schema;
})();

type Verdict = { ok: true; json: string } | { ok: false };
function both(type: string, protocol: 'binary' | 'compact', hex: string): { native: Verdict; ts: Verdict } {
  const bytes = Buffer.from(hex, 'hex');
  const plan = native.loadPlan(compileTypePlan(schema, type));
  const run = (f: () => string): Verdict => {
    try {
      return { ok: true, json: f() };
    } catch {
      return { ok: false };
    }
  };
  return {
    native: run(() => native.thriftToJson(plan, protocol, bytes)),
    ts: run(() => thriftToJson(schema, { kind: 'struct', name: type }, protocol === 'compact' ? new CompactReader(bytes) : new BinaryReader(bytes))),
  };
}

describe('native transcoder and TypeScript codecs agree on fuzzer-found Thrift inputs', () => {
  test('a well-formed compact Leaf decodes identically on both sides', () => {
    // field 1 bool true, field 2 i8 -7, field 3 i16 300, stop
    const r = both('all-types.Leaf', 'compact', '1113f914d80400');
    assert.ok(r.native.ok && r.ts.ok);
    assert.equal(r.native.json, r.ts.json);
  });

  test('compact i16 whose varint exceeds 16 bits (196652) is rejected, not truncated to 44',
    () => {
      // field 1 bool true, field 2 i8 -7, field 3 i16 varint d8 80 18 (= zigzag 196652), stop
      const r = both('all-types.Leaf', 'compact', '1113f914d8801800');
      assert.equal(r.native.ok, false, 'native rejects');
      assert.equal(r.ts.ok, false, 'TypeScript rejects');
    });

  test('compact field header with type nibble 0 and a non-zero delta is rejected by both, not read as STOP',
    () => {
      // 0xF0 = field delta 15, type 0 — only a whole 0x00 byte is STOP
      const r = both('all-types.Leaf', 'compact', 'f000');
      assert.equal(r.ts.ok, false, 'TypeScript rejects');
      assert.equal(r.native.ok, r.ts.ok, 'native agrees');
    });

  test('binary empty list whose element type id is invalid (0) gets the same verdict on both sides',
    () => {
      // field 5 (list<double> doubles) list header: elem type 0, size 0; stop
      const r = both('all-types.Containers', 'binary', '0f0005000000000000');
      assert.equal(r.ts.ok, false, 'TypeScript rejects');
      assert.equal(r.native.ok, r.ts.ok, 'native agrees');
    });
});
