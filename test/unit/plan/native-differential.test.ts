/**
 * Differential test (issue 5 part 2): for every struct, union and exception of the IDL corpus plus the
 * http-mapping worked example, random values must transcode byte for byte the same through the native
 * transcoder (plans from src/plan, through the addon) and the TypeScript reference (src/json), JSON → Thrift
 * and Thrift → JSON, in binary and compact, under each `json:` option. Invalid values must fail the same way
 * (both reject, same field).
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadIdl } from '../../../src/idl';
import type { Schema, TypeRef } from '../../../src/idl/model';
import { jsonToThrift, thriftToJson } from '../../../src/json';
import type { JsonOptions } from '../../../src/json';
import { loadAddon } from '../../../src/native/addon';
import { compileTypePlan } from '../../../src/plan';
import type { PlanOptions } from '../../../src/plan';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter } from '../../../src/thrift/protocol';
import { JsonGen, jsonExpressible } from './random-json';

interface TranscodeAddon {
  loadPlan(blob: Uint8Array): unknown;
  jsonToThrift(plan: unknown, protocol: string, json: string): Uint8Array;
  thriftToJson(plan: unknown, protocol: string, bytes: Uint8Array): string;
}
const native = (loadAddon() as unknown as { transcode: TranscodeAddon }).transcode;

const CORPUS = join(__dirname, '../../idl-corpus/accept');
const FIXTURES = join(__dirname, '../../e2e/transcode/fixtures');
const PROTOCOLS = ['binary', 'compact'] as const;
const ITERATIONS = Number(process.env.SLUICE_DIFF_ITERATIONS ?? 40);

function corpusFiles(): string[] {
  return readdirSync(CORPUS).filter((f) => f.endsWith('.thrift')).map((f) => join(CORPUS, f))
    .concat([join(FIXTURES, 'inventory.thrift'), join(FIXTURES, 'all-types.thrift')]);
}

function schemaOf(file: string): Schema {
  const r = loadIdl([file], { includeDirs: [join(CORPUS, "include-path")] });
  assert.ok(r.schema, `${file} loads: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.schema;
}

function refEncode(schema: Schema, t: TypeRef, json: string, protocol: string, opts: JsonOptions): Uint8Array {
  const w = protocol === 'binary' ? new BinaryWriter() : new CompactWriter();
  jsonToThrift(schema, t, json, w, opts);
  return w.finish().slice();
}

function refDecode(schema: Schema, t: TypeRef, bytes: Uint8Array, protocol: string, opts: JsonOptions): string {
  const r = protocol === 'binary' ? new BinaryReader(bytes) : new CompactReader(bytes);
  return thriftToJson(schema, t, r, opts);
}

type Outcome = { ok: true; value: string } | { ok: false; field: string | undefined };

function outcome(f: () => Uint8Array | string): Outcome {
  try {
    const v = f();
    return { ok: true, value: typeof v === 'string' ? v : Buffer.from(v).toString('hex') };
  } catch (e) {
    const err = e as { field?: string; status?: number; statusCode?: number; code?: string };
    if (err.code === undefined || !String(err.code).startsWith('SLUICE_E_')) throw e;
    return { ok: false, field: err.field };
  }
}

const ENCODE_OPTIONS: ReadonlyArray<PlanOptions & JsonOptions> = [{}, { unknownFields: 'reject' }];
const DECODE_OPTIONS: ReadonlyArray<PlanOptions & JsonOptions> = [{}, { i64: 'string' }, { enums: 'name' }, { i64: 'string', enums: 'name' }];

for (const file of corpusFiles()) {
  test(`native transcoder and src/json agree byte for byte on random values of every type in ${file.split('/').pop()}`, () => {
    const schema = schemaOf(file);
    const roots = [...schema.definitions.values()].filter(
      (d) => (d.kind === 'struct' || d.kind === 'union' || d.kind === 'exception') && d.file === file,
    );
    let compared = 0;
    let accepted = 0;
    let valid = 0;
    for (const def of roots) {
      const t: TypeRef = { kind: 'struct', name: def.qname };
      if (!jsonExpressible(schema, t)) continue;
      const plans = new Map<string, unknown>();
      const planFor = (o: PlanOptions) => {
        const k = JSON.stringify(o);
        if (!plans.has(k)) plans.set(k, native.loadPlan(compileTypePlan(schema, t, o)));
        return plans.get(k);
      };
      for (let i = 0; i < ITERATIONS; i++) {
        const seed = (i + 1) * 7919 + def.qname.length;
        const json = new JsonGen(schema, seed).struct(def.qname, 1);
        for (const protocol of PROTOCOLS) {
          for (const o of ENCODE_OPTIONS) {
            const mine = outcome(() => native.jsonToThrift(planFor(o), protocol, json));
            const ref = outcome(() => refEncode(schema, t, json, protocol, o));
            assert.deepEqual(mine, ref, `${def.qname} ${protocol} ${JSON.stringify(o)} encode of ${json} (seed ${seed})`);
            compared++;
            valid++;
            if (ref.ok) accepted++;
            if (!ref.ok || o.unknownFields) continue;
            const bytes = Buffer.from(ref.value, 'hex');
            for (const d of DECODE_OPTIONS) {
              const back = outcome(() => native.thriftToJson(planFor(d), protocol, bytes));
              const refBack = outcome(() => refDecode(schema, t, bytes, protocol, d));
              assert.deepEqual(back, refBack, `${def.qname} ${protocol} ${JSON.stringify(d)} decode of ${ref.value} (from ${json})`);
              compared++;
            }
          }
        }
        // Values with wrong-typed leaves: both reject, naming the same field (or both accept the same bytes).
        const bad = new JsonGen(schema, seed ^ 0x5bd1e995, { poison: 0.25 }).struct(def.qname, 1);
        for (const protocol of PROTOCOLS) {
          const mine = outcome(() => native.jsonToThrift(planFor({}), protocol, bad));
          const ref = outcome(() => refEncode(schema, t, bad, protocol, {}));
          assert.deepEqual(mine, ref, `${def.qname} ${protocol} encode of invalid ${bad}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 0, 'compared at least one value');
    // The generator makes valid values: most must be accepted, or the comparison proves little.
    assert.ok(accepted >= valid * 0.8, `accepted ${accepted} of ${valid} generated values`);
  });
}

test('large containers (long-form list headers, 200-entry maps, a 70 KB binary) agree byte for byte in both protocols', () => {
  const schema = schemaOf(join(FIXTURES, 'all-types.thrift'));
  const t: TypeRef = { kind: 'struct', name: 'all-types.Containers' };
  const json = JSON.stringify({
    bools: Array.from({ length: 100 }, (_, i) => i % 3 === 0),
    longs: Array.from({ length: 50 }, (_, i) => String(BigInt(i) * 184467440737095516n - 2n ** 62n)),
    blobs: [Buffer.alloc(70000, 7).toString('base64'), ''],
    byString: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i % 2 ? [] : [{ text: 'x'.repeat(i) }]])),
    byByte: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [String(i - 7), i])),
    leaves: Array.from({ length: 16 }, (_, i) => ({ i32v: i })),
  });
  for (const protocol of PROTOCOLS) {
    const plan = native.loadPlan(compileTypePlan(schema, t));
    const mine = Buffer.from(native.jsonToThrift(plan, protocol, json));
    const ref = refEncode(schema, t, json, protocol, {});
    assert.equal(mine.toString('hex'), Buffer.from(ref).toString('hex'));
    assert.equal(native.thriftToJson(plan, protocol, mine), refDecode(schema, t, mine, protocol, {}));
  }
});
