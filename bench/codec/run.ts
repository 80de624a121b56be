/**
 * Codec benchmark (not a test): sluice's generated codecs against npm `thrift` 0.24 and
 * @creditkarma/thrift-server-core, encode and decode, a 6-field struct (`Small`) and a struct holding 20 of
 * them (`Big`), binary and compact. Each figure is the median of 3 runs (CPU time, interleaved across
 * libraries) after a warm-up.
 *
 *   node --import tsx bench/codec/run.ts            # print the table
 *   node --import tsx bench/codec/run.ts --write    # also rewrite bench/codec/RESULTS.md
 *   BENCH_MS=1000 …                                 # CPU time of each timed run (default 500 ms)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateFor } from '../../test/golden/harness/scenarios';
import { medianOfThreeEach, sinkValue } from './measure';
import { loadApache } from './peers/apache';
import { ck, type CkBig, type CkSmall } from './peers/ck-codecs';
import type * as Generated from './generated/bench';

const HERE = __dirname;
const REPO = path.resolve(HERE, '../..');
const IDL = path.join(HERE, 'bench.thrift');
const MS = Number(process.env.BENCH_MS ?? 500);

/** Regenerates our codec (committed, so reviewers see what is measured) and loads it. */
function loadSluice(): typeof Generated {
  const dir = path.join(HERE, 'generated');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of generateFor([IDL])) fs.writeFileSync(path.join(dir, f.path), f.content);
  return require('./generated/bench') as typeof Generated;
}

const sluice = loadSluice();
const apache = loadApache(IDL, path.join(REPO, 'bench', 'results', 'tmp', 'codec-gen-js'));

const small: Generated.Small = { name: 'Zero', tiny: 1, count: -3, big: 1000000n, ratio: 0.25, ok: true };
const big: Generated.Big = {
  totals: new Map([[1n, 100n], [2n, -200n]]),
  items: Array.from({ length: 20 }, (_, i) => ({ ...small, name: `item-${i}`, count: i })),
};
const ckSmall: CkSmall = { name: 'Zero', tiny: 1, count: -3, big: new ck.Int64(1000000), ratio: 0.25, ok: true };
const ckBig: CkBig = {
  totals: new Map([[new ck.Int64(1), new ck.Int64(100)], [new ck.Int64(2), new ck.Int64(-200)]]),
  items: big.items!.map((s) => ({ ...ckSmall, name: s.name!, count: s.count! })),
};
const apacheSmall = new apache.types.Small({ ...small, big: new apache.Int64(1000000) });
const apacheBig = new apache.types.Big({
  totals: { 1: new apache.Int64(100), 2: new apache.Int64(-200) },
  items: big.items!.map((s) => new apache.types.Small({ ...s, big: new apache.Int64(1000000) })),
});

type Shape = 'small' | 'big';
type Protocol = 'binary' | 'compact';
const codecs = {
  small: { binary: [sluice.Small.toBinary, sluice.Small.fromBinary], compact: [sluice.Small.toCompact, sluice.Small.fromCompact] },
  big: { binary: [sluice.Big.toBinary, sluice.Big.fromBinary], compact: [sluice.Big.toCompact, sluice.Big.fromCompact] },
} as const;

function ours(shape: Shape, protocol: Protocol) {
  const [encode, decode] = codecs[shape][protocol] as unknown as [(v: unknown) => Uint8Array, (b: Uint8Array) => unknown];
  const value = shape === 'small' ? small : big;
  return { encode: () => encode(value), decode: (bytes: Uint8Array) => () => decode(bytes), bytes: encode(value) };
}

// The three libraries must agree on the bytes before their speed means anything.
for (const protocol of ['binary', 'compact'] as const) {
  const o = ours('small', protocol).bytes;
  assert.deepEqual(Buffer.from(o), ck.small[protocol].encode(ckSmall), `CK ${protocol} bytes differ`);
  assert.deepEqual(Buffer.from(o), apache.small[protocol].encode(apacheSmall), `npm thrift ${protocol} bytes differ`);
  assert.deepEqual(Buffer.from(ours('big', protocol).bytes), ck.big[protocol].encode(ckBig), `CK ${protocol} Big bytes differ`);
  assert.equal(apache.big[protocol].decode(Buffer.from(ours('big', protocol).bytes)).items.length, 20);
}

interface Row {
  readonly shape: Shape; readonly protocol: Protocol; readonly op: 'encode' | 'decode'; readonly bytes: number;
  readonly sluice: number; readonly apache: number; readonly ck: number;
}
const rows: Row[] = [];
for (const shape of ['small', 'big'] as const) {
  for (const protocol of ['binary', 'compact'] as const) {
    const o = ours(shape, protocol);
    const bytes = Buffer.from(o.bytes);
    const apacheCodec = apache[shape][protocol];
    const ckCodec = ck[shape][protocol] as { encode(v: unknown): Buffer; decode(b: Buffer): unknown };
    const apacheValue = shape === 'small' ? apacheSmall : apacheBig;
    const ckValue = shape === 'small' ? ckSmall : ckBig;
    const [se, ae, ce] = medianOfThreeEach([o.encode, () => apacheCodec.encode(apacheValue), () => ckCodec.encode(ckValue)], MS);
    rows.push({ shape, protocol, op: 'encode', bytes: bytes.length, sluice: se!, apache: ae!, ck: ce! });
    const [sd, ad, cd] = medianOfThreeEach([o.decode(new Uint8Array(bytes)), () => apacheCodec.decode(bytes), () => ckCodec.decode(bytes)], MS);
    rows.push({ shape, protocol, op: 'decode', bytes: bytes.length, sluice: sd!, apache: ad!, ck: cd! });
  }
}

const k = (n: number): string => `${(n / 1000).toFixed(0)}k`;
const x = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const header = '| struct | protocol | op | bytes | sluice ops/s | npm thrift ops/s | CK ops/s | vs npm thrift | vs CK |';
const lines = [header, '|---|---|---|---|---|---|---|---|---|'];
for (const r of rows) {
  lines.push(`| ${r.shape === 'small' ? 'Small (6 fields)' : 'Big (20 × Small)'} | ${r.protocol} | ${r.op} | ${r.bytes} | ${k(r.sluice)} | ${k(r.apache)} | ${k(r.ck)} | ${x(r.sluice, r.apache)} | ${x(r.sluice, r.ck)} |`);
}
const minEncode = Math.min(...rows.filter((r) => r.op === 'encode').map((r) => r.sluice / r.apache));
const minDecode = Math.min(...rows.filter((r) => r.op === 'decode').map((r) => r.sluice / r.apache));
const verdict = [
  `Lowest ratio vs npm thrift: encode ${minEncode.toFixed(2)}× (target ≥ 3×: ${minEncode >= 3 ? 'met' : 'NOT met'}), ` +
  `decode ${minDecode.toFixed(2)}× (target ≥ 1.5×: ${minDecode >= 1.5 ? 'met' : 'NOT met'}).`,
];
process.stdout.write(`${lines.join('\n')}\n\n${verdict.join('\n')}\n`);
if (sinkValue() < 0) process.stdout.write('');

if (process.argv.includes('--write')) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const doc = [
    '# Codec benchmark results',
    '',
    'Written by `node --import tsx bench/codec/run.ts --write` (see bench/codec/README.md for method).',
    `Each figure is operations per CPU second, the median of 3 runs of ${MS} ms CPU time interleaved across the`,
    `libraries after a warm-up, on ${os.cpus().length} × ${cpu},`,
    `Node ${process.version}. Ratios are sluice's ops/s divided by the peer's (higher is better).`,
    '',
    ...lines,
    '',
    ...verdict,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(HERE, 'RESULTS.md'), doc);
}
