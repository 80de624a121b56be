/**
 * Regenerates the committed plan blobs (fuzz/plans/*.plan) and the transcoder seed corpus from the demo IDL
 * (idl/people.thrift) and the transcoder test IDL (test/e2e/transcode/fixtures/{inventory,all-types}.thrift),
 * through the real route compiler and src/plan's compilePlan/compileTypePlan.
 * Run: node --import tsx fuzz/gen-seeds.ts   (needs the release addon only for the thrift-bytes seeds)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfigText } from '../src/config/load';
import type { Schema } from '../src/idl/model';
import { loadAddon } from '../src/native/addon';
import { compilePlan, compileTypePlan } from '../src/plan';
import type { PlanOptions } from '../src/plan';
import { compileGatewayConfig } from '../src/routes';
import type { ThriftTarget } from '../src/routes';

const root = resolve(__dirname, '..');
const plansDir = join(root, 'fuzz/plans');
const corpusDir = join(root, 'fuzz/corpus/transcode');

interface NativeTranscode {
  loadPlan(blob: Uint8Array): unknown;
  jsonToThrift(plan: unknown, protocol: string, json: string): Uint8Array;
}

function compile(idl: string, service: string): { schema: Schema; routes: ThriftTarget[] } {
  const yaml = `idl: [${idl}]\nupstreams:\n  u: { endpoints: ['127.0.0.1:9'] }\nservices:\n  - { service: ${service}, upstream: u }\n`;
  const { config, problems } = loadConfigText(yaml, join(root, 'fuzz/sluice.yaml'));
  if (!config) throw new Error(JSON.stringify(problems));
  const r = compileGatewayConfig(config);
  if (!r.schema) throw new Error(JSON.stringify(r.problems));
  const routes = r.table.routes.map((x) => x.target).filter((t): t is ThriftTarget => t.kind === 'thrift');
  return { schema: r.schema, routes };
}

const optionSets: PlanOptions[] = [
  { protocol: 'binary', transport: 'framed' },
  { protocol: 'compact', transport: 'buffered', i64: 'string', enums: 'name' },
  { protocol: 'binary', transport: 'header', unknownFields: 'reject' },
];

const blobs: Array<{ name: string; blob: Uint8Array; route: boolean }> = [];
const sources: Array<[string, string]> = [
  [join(root, 'idl/people.thrift'), 'people.PeopleService'],
  [join(root, 'test/e2e/transcode/fixtures/inventory.thrift'), 'inventory.InventoryService'],
];
for (const [idl, service] of sources) {
  const { schema: s, routes } = compile(idl, service);
  const seen = new Set<string>();
  for (const t of routes) {
    if (seen.has(t.function)) continue;
    seen.add(t.function);
    optionSets.forEach((o, i) => blobs.push({ name: `route-${t.function}-${i}`, blob: compilePlan(s, t, o), route: true }));
  }
  for (const [qname, def] of s.definitions) {
    if (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception') continue;
    if (!qname.startsWith('people.') && !qname.startsWith('inventory.')) continue;
    blobs.push({ name: `type-${qname}-0`, blob: compileTypePlan(s, qname, optionSets[0]), route: false });
  }
}
{
  // The transcoder's all-types IDL has no service; the route config only needs some service, so load it alone.
  const allTypes = join(root, 'test/e2e/transcode/fixtures/all-types.thrift');
  const yaml = `idl: [${allTypes}]\n`;
  const { config } = loadConfigText(yaml, join(root, 'fuzz/sluice.yaml'));
  const r = config ? compileGatewayConfig(config) : undefined;
  if (!r?.schema) throw new Error('all-types.thrift did not compile');
  for (const [qname, def] of r.schema.definitions) {
    if (def.kind !== 'struct' && def.kind !== 'union' && def.kind !== 'exception') continue;
    optionSets.forEach((o, i) => blobs.push({ name: `type-${qname}-${i}`, blob: compileTypePlan(r.schema!, qname, o), route: false }));
  }
}
if (blobs.length > 255) throw new Error(`too many plans for a one-byte selector: ${blobs.length}`);

rmSync(plansDir, { recursive: true, force: true });
mkdirSync(plansDir, { recursive: true });
mkdirSync(corpusDir, { recursive: true });
for (const f of readdirSync(corpusDir)) if (f.startsWith('gen-')) rmSync(join(corpusDir, f));
const native = (loadAddon() as unknown as { transcode: NativeTranscode }).transcode;
// Transcoder fuzz input: [plan index][mode][payload]; see fuzz/targets/transcode_fuzz.cc.
const seed = (name: string, plan: number, mode: number, payload: Buffer): void =>
  writeFileSync(join(corpusDir, `gen-${name}`), Buffer.concat([Buffer.from([plan, mode]), payload]));
blobs.forEach((b, i) => {
  const file = `${String(i).padStart(3, '0')}-${b.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.plan`;
  writeFileSync(join(plansDir, file), b.blob);
  seed(`${i}-json-empty`, i, 0, Buffer.from('{}'));
  seed(`${i}-thrift-stop`, i, 1, Buffer.from([0]));
  if (!b.route) {
    for (const proto of ['binary', 'compact']) {
      try {
        const bytes = native.jsonToThrift(native.loadPlan(b.blob), proto, '{}');
        seed(`${i}-thrift-defaults-${proto}`, i, proto === 'binary' ? 1 : 3, Buffer.from(bytes));
      } catch {
        // Types with required fields do not encode from {}: the empty seeds cover them.
      }
    }
  }
});
console.log(`wrote ${blobs.length} plans to ${plansDir}`);
