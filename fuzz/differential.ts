/**
 * Differential check of the native transcoder against the TypeScript reference codecs (src/json over
 * src/thrift/protocol), driven by the transcoder fuzzer's corpus: every corpus unit that selects a value-level
 * (type) plan is run through both implementations, which must agree on accept/reject and, when both accept,
 * produce identical Thrift bytes (JSON → Thrift) or identical JSON text (Thrift → JSON).
 *   node --import tsx fuzz/differential.ts [corpus dirs...]   (default: fuzz/build/corpus/transcode fuzz/corpus/transcode)
 * Input layout: fuzz/targets/transcode_fuzz.cc. Exit 1 when any unit disagrees (first examples printed).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfigText } from '../src/config/load';
import type { Schema } from '../src/idl/model';
import { jsonToThrift, thriftToJson, type JsonOptions } from '../src/json';
import { loadAddon } from '../src/native/addon';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter } from '../src/thrift/protocol';
import { compileGatewayConfig } from '../src/routes';

const root = resolve(__dirname, '..');
// Same order as fuzz/gen-seeds.ts optionSets (the plan file name's last number indexes it).
const OPTIONS: JsonOptions[] = [{}, { i64: 'string', enums: 'name' }, { unknownFields: 'reject' }];

interface Native {
  loadPlan(blob: Uint8Array): unknown;
  jsonToThrift(plan: unknown, protocol: string, json: Uint8Array): Uint8Array;
  thriftToJson(plan: unknown, protocol: string, bytes: Uint8Array): string;
}
const native = (loadAddon() as unknown as { transcode: Native }).transcode;

function schemaOf(idl: string, service?: string): Schema {
  const yaml = `idl: [${idl}]\n` + (service ? `upstreams:\n  u: { endpoints: ['127.0.0.1:9'] }\nservices:\n  - { service: ${service}, upstream: u }\n` : '');
  const { config } = loadConfigText(yaml, join(root, 'fuzz/sluice.yaml'));
  const r = config ? compileGatewayConfig(config) : undefined;
  if (!r?.schema) throw new Error(`${idl} did not compile`);
  return r.schema;
}
const schemas = [
  schemaOf(join(root, 'idl/people.thrift'), 'people.PeopleService'),
  schemaOf(join(root, 'test/e2e/transcode/fixtures/inventory.thrift'), 'inventory.InventoryService'),
  schemaOf(join(root, 'test/e2e/transcode/fixtures/all-types.thrift')),
];

interface TypePlan { file: string; qname: string; schema: Schema; opts: JsonOptions; plan: unknown }
const planFiles = readdirSync(join(root, 'fuzz/plans')).filter((f) => f.endsWith('.plan')).sort();
const plans: Array<TypePlan | undefined> = planFiles.map((file) => {
  const m = /^\d+-type-(.+)-(\d)\.plan$/.exec(file);
  if (!m) return undefined;
  const schema = schemas.find((s) => s.definitions.has(m[1]!));
  if (!schema) throw new Error(`no schema defines ${m[1]}`);
  return { file, qname: m[1]!, schema, opts: OPTIONS[Number(m[2])]!, plan: native.loadPlan(readFileSync(join(root, 'fuzz/plans', file))) };
});

type Outcome = { ok: true; out: string } | { ok: false; why: string };
const attempt = (f: () => string): Outcome => {
  try {
    return { ok: true, out: f() };
  } catch (e) {
    return { ok: false, why: (e as Error).message.slice(0, 160) };
  }
};
const utf8 = new TextDecoder('utf-8', { fatal: true });

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['fuzz/build/corpus/transcode', 'fuzz/corpus/transcode'];
let units = 0;
let compared = 0;
const mismatches: string[] = [];
for (const dir of dirs.map((d) => resolve(root, d)).filter(existsSync)) {
  for (const name of readdirSync(dir)) {
    const data = readFileSync(join(dir, name));
    units++;
    if (data.length < 2) continue;
    const tp = plans[data[0]! % plans.length];
    if (!tp) continue;  // route plan: encodeCall/decodeReply have no TS twin at this level
    const mode = data[1]!;
    const protocol = mode % 4 >= 2 ? 'compact' : 'binary';
    const payload = data.subarray(2);
    const type = { kind: 'struct' as const, name: tp.qname };
    let a: Outcome;
    let b: Outcome;
    if (mode % 2 === 0) {
      let text: string;
      try {
        text = utf8.decode(payload);
      } catch {
        continue;  // TS strings cannot carry invalid UTF-8 unchanged; the native side alone is fuzzed for that
      }
      a = attempt(() => Buffer.from(native.jsonToThrift(tp.plan, protocol, payload)).toString('hex'));
      b = attempt(() => {
        const w = protocol === 'compact' ? new CompactWriter() : new BinaryWriter();
        jsonToThrift(tp.schema, type, text, w, tp.opts);
        return Buffer.from(w.finish()).toString('hex');
      });
    } else {
      a = attempt(() => native.thriftToJson(tp.plan, protocol, payload));
      b = attempt(() => thriftToJson(tp.schema, type, protocol === 'compact' ? new CompactReader(payload) : new BinaryReader(payload), tp.opts));
    }
    compared++;
    const same = a.ok === b.ok && (!a.ok || a.out === (b as { out: string }).out);
    if (!same) {
      mismatches.push(`${name} plan=${tp.file} ${mode % 2 === 0 ? 'json→thrift' : 'thrift→json'} ${protocol}\n` +
        `  input:  ${mode % 2 === 0 ? JSON.stringify(payload.toString('utf8').slice(0, 200)) : payload.toString('hex').slice(0, 200)}\n` +
        `  native: ${a.ok ? a.out.slice(0, 200) : 'REJECT ' + a.why}\n  ts:     ${b.ok ? b.out.slice(0, 200) : 'REJECT ' + b.why}`);
    }
  }
}
console.log(`differential: ${units} corpus units, ${compared} compared on type plans, ${mismatches.length} mismatches`);
for (const m of mismatches.slice(0, Number(process.env.DIFF_SHOW ?? 20))) console.log(m);
process.exit(mismatches.length ? 1 : 0);
