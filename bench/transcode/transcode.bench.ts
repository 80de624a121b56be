/**
 * ns per message of the native transcoder (issue 5 target: ≤ 1 µs per small message each way), JSON → Thrift
 * and Thrift → JSON, binary and compact, for the small (≈200 B JSON, 6 fields) and medium (≈6 KB nested)
 * payloads. "native" is measured by a loop inside the addon (what the data plane pays per message); the
 * TypeScript reference (src/json) is shown for scale. Times are CPU time per message (thread CPU for native,
 * process CPU for src/json), so a busy machine does not inflate them; wall time is printed for native too.
 * Run: node --import tsx bench/transcode/transcode.bench.ts [--quick]   (prints a Markdown table)
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadIdl } from '../../src/idl';
import { jsonToThrift, thriftToJson } from '../../src/json';
import { loadAddon } from '../../src/native/addon';
import { compileTypePlan } from '../../src/plan';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter } from '../../src/thrift/protocol';

interface Native {
  loadPlan(blob: Uint8Array): unknown;
  jsonToThrift(plan: unknown, protocol: string, json: string): Uint8Array;
  bench(plan: unknown, protocol: string, json: string, iterations: number): { encodeNs: number; decodeNs: number; encodeWallNs: number; decodeWallNs: number; bytes: number; jsonBytes: number };
}

const quick = process.argv.includes('--quick');
const native = (loadAddon() as unknown as { transcode: Native }).transcode;
const schema = loadIdl([join(__dirname, 'bench.thrift')]).schema!;

const small = JSON.stringify({
  id: 9007199254740993, name: 'Ada Lovelace', email: 'ada.lovelace@example.com', tier: 1, score: 98.25,
  tags: ['analytical', 'engine', 'notes', 'first-programmer'],
}).replace('9007199254740992', '9007199254740993');

function medium(): string {
  const owner = JSON.parse(small) as object;
  const addresses = Array.from({ length: 5 }, (_, i) => ({ street: `${i} Long Street Name ${i}`, city: 'Berlin', zip: `1011${i}`, country: 'DE' }));
  const orders = Array.from({ length: 30 }, (_, i) => ({
    id: 100000 + i, amount: 12.5 * i + 0.99, currency: 'EUR', items: [i, i + 1, i + 2, i + 3],
    paid: i % 2 === 0, meta: { channel: 'web', coupon: `C${i}` },
  }));
  const counters = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`counter_${i}`, i * 1000003]));
  return JSON.stringify({ id: 42, owner, addresses, orders, counters, avatar: Buffer.alloc(300, 7).toString('base64') });
}

/** Median CPU ns/op (process CPU time, so other load on the machine does not inflate it) over 5 rounds. */
function nsPerOp(f: () => unknown): number {
  const rounds: number[] = [];
  let n = 64;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    if (performance.now() - t0 > (quick ? 20 : 100)) break;
    n *= 2;
  }
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const c = process.cpuUsage(c0);
    rounds.push(((c.user + c.system) * 1e3) / n);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

const rows: string[] = ['| payload | protocol | bytes (JSON / Thrift) | native JSON→Thrift ns | native Thrift→JSON ns | native wall ns (enc / dec) | src/json JSON→Thrift ns | src/json Thrift→JSON ns |', '|---|---|---|---|---|---|---|---|'];
for (const [name, type, json] of [['small', 'bench.Small', small], ['medium', 'bench.Medium', medium()]] as const) {
  const t = { kind: 'struct', name: type } as const;
  for (const protocol of ['binary', 'compact'] as const) {
    const plan = native.loadPlan(compileTypePlan(schema, type));
    const iterations = quick ? 20000 : name === 'small' ? 1000000 : 20000;
    const best = [0, 1, 2].map(() => native.bench(plan, protocol, json, iterations)).sort((a, b) => a.encodeNs + a.decodeNs - b.encodeNs - b.decodeNs)[0]!;
    const bytes = native.jsonToThrift(plan, protocol, json);
    const refEnc = nsPerOp(() => { const w = protocol === 'binary' ? new BinaryWriter() : new CompactWriter(); jsonToThrift(schema, t, json, w); return w.finish(); });
    const refDec = nsPerOp(() => thriftToJson(schema, t, protocol === 'binary' ? new BinaryReader(bytes) : new CompactReader(bytes)));
    rows.push(`| ${name} | ${protocol} | ${json.length} / ${best.bytes} | ${best.encodeNs.toFixed(0)} | ${best.decodeNs.toFixed(0)} | ${best.encodeWallNs.toFixed(0)} / ${best.decodeWallNs.toFixed(0)} | ${refEnc.toFixed(0)} | ${refDec.toFixed(0)} |`);
  }
}
console.log(rows.join('\n'));
