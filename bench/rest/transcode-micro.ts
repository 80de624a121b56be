/**
 * The native transcoder alone, ns per message, both directions, for the bench's small and medium replies
 * (JSON → Thrift binary and Thrift binary → JSON through a compiled type plan). Prints one JSON line.
 * Usage: node --import tsx bench/rest/transcode-micro.ts [ITERATIONS=200000]
 */
import * as path from 'node:path';
import { loadIdl } from '../../src/idl';
import { loadAddon } from '../../src/native/addon';
import { compileTypePlan } from '../../src/plan';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const payloads = require('./payloads.js') as { small(id: number): unknown; medium(id: number): unknown };

interface Transcode {
  loadPlan(blob: Uint8Array): unknown;
  jsonToThrift(plan: unknown, protocol: string, json: string): Uint8Array;
  thriftToJson(plan: unknown, protocol: string, bytes: Uint8Array): string;
}
const native = (loadAddon() as unknown as { transcode: Transcode }).transcode;
const schema = loadIdl([path.join(__dirname, 'bench.thrift')]).schema!;
const N = Number(process.argv[2] ?? 200000);

/** Median of 5 timed batches, in ns per call. */
function nsPerCall(fn: () => void, n: number): number {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    runs.push(Number(process.hrtime.bigint() - t0) / n);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

const result: Record<string, number> = {};
for (const [name, type] of [['small', 'bench.Small'], ['medium', 'bench.Medium']] as const) {
  const plan = native.loadPlan(compileTypePlan(schema, type));
  const json = JSON.stringify(payloads[name](42));
  const bytes = native.jsonToThrift(plan, 'binary', json);
  const n = name === 'small' ? N : Math.max(1000, Math.floor(N / 30));
  for (let i = 0; i < 1000; i++) native.thriftToJson(plan, 'binary', native.jsonToThrift(plan, 'binary', json)); // warm-up
  result[`${name}_json_to_thrift_ns`] = Math.round(nsPerCall(() => native.jsonToThrift(plan, 'binary', json), n));
  result[`${name}_thrift_to_json_ns`] = Math.round(nsPerCall(() => native.thriftToJson(plan, 'binary', bytes), n));
  result[`${name}_json_bytes`] = Buffer.byteLength(json);
  result[`${name}_thrift_bytes`] = bytes.length;
}
process.stdout.write(JSON.stringify(result) + '\n');
