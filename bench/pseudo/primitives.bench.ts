/**
 * ns/op of each pseudonymization primitive and policy: TypeScript reference vs native (C++ through
 * N-API, and C++ alone via a loop inside the addon, which is what the data plane pays per field).
 * Run: node --import tsx bench/pseudo/primitives.bench.ts [--quick]   (prints a Markdown table)
 */
import { performance } from 'node:perf_hooks';
import { sivEncrypt, sivDecrypt } from '../../src/pseudo/siv';
import { ff1EncryptNumerals } from '../../src/pseudo/ff1';
import { hmacSha256 } from '../../src/pseudo/hmac';
import { mask } from '../../src/pseudo/mask';
import { loadNativePseudo, nativeLoadFailure } from '../../src/pseudo/native';
import { compilePolicySet } from '../../src/pseudo/policy';
import { tryForward } from '../../src/pseudo/apply';
import { toNativePolicySpec } from '../../src/pseudo/native-spec';
import { parseKeyring } from '../../src/pseudo/keyring';

const quick = process.argv.includes('--quick');
const budgetMs = quick ? 150 : 1000;

/** Median ns/op over 5 timed rounds, each sized to ~budget/5 after a warm-up. */
function nsPerOp(f: () => unknown): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    const dt = performance.now() - t0;
    if (dt > 20) break;
    n *= 2;
  }
  const per = Math.max(1, Math.round((n * budgetMs) / 5 / Math.max(1, (() => { const t0 = performance.now(); for (let i = 0; i < n; i++) f(); return performance.now() - t0; })())));
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < per; i++) f();
    rounds.push(((performance.now() - t0) * 1e6) / per);
  }
  return rounds.sort((a, b) => a - b)[2];
}

const native = loadNativePseudo();
if (!native) {
  process.stderr.write(`native addon unavailable (${nativeLoadFailure()}); build native/ first\n`);
  process.exit(1);
}

const key64 = Buffer.alloc(64, 7);
const key32 = Buffer.alloc(32, 9);
const ad = [Buffer.from('sluice/siv/v1'), Buffer.from('email'), Buffer.from('k1')];
const email = Buffer.from('alice.smith@example.com');
const token = sivEncrypt(key64, ad, email);
const digits10 = Array.from('4155550123', Number);
const bits64 = Array.from({ length: 64 }, (_, i) => (i * 7) % 2);
const tweak = Buffer.from('sluice/ff1/v1/phone');

interface Row { name: string; ts: number; napi: number; cpp?: number }
const rows: Row[] = [];
const add = (name: string, ts: () => unknown, napi: () => unknown, cpp?: () => number) => {
  rows.push({ name, ts: nsPerOp(ts), napi: nsPerOp(napi), cpp: cpp?.() });
};

add('AES-SIV encrypt, 23-byte value, 3 AD', () => sivEncrypt(key64, ad, email), () => native.sivEncrypt(key64, ad, email));
add('AES-SIV decrypt, 23-byte value, 3 AD', () => sivDecrypt(key64, ad, token), () => native.sivDecrypt(key64, ad, token));
add('FF1 encrypt, radix 10, 10 digits', () => ff1EncryptNumerals(key32, tweak, 10, digits10), () => native.ff1Encrypt(key32, tweak, 10, Uint32Array.from(digits10)));
add('FF1 encrypt, radix 2, 64 bits (i64)', () => ff1EncryptNumerals(key32, tweak, 2, bits64), () => native.ff1Encrypt(key32, tweak, 2, Uint32Array.from(bits64)));
add('HMAC-SHA-256, 23-byte value', () => hmacSha256(key32, email), () => native.hmacSha256(key32, email));
add('mask keep_last 4, 19 chars', () => mask('4111-1111-1111-1111', { keepLast: 4, skip: '-' }), () => native.mask('4111-1111-1111-1111', { keepLast: 4, skip: '-' }));

const ring = parseKeyring({ keys: [{ id: 'k1', secret_hex: 'ab'.repeat(32), primary: true }] }, 'bench');
const set = compilePolicySet({
  policies: {
    email: { method: 'siv', domain: 'email', email: true },
    phone: { method: 'ff1', format: 'phone' },
    uid: { method: 'hmac', encoding: 'base32' },
    card: { method: 'mask', keep_last: 4, skip: '-' },
  },
}, { keyring: ring });
const policyRows: [string, string, string][] = [
  ['email', 'alice.smith@example.com', 'policy siv+email (token@domain)'],
  ['phone', '+1 (415) 555-0123', 'policy ff1 phone (passthrough)'],
  ['uid', 'user-0012345', 'policy hmac base32'],
  ['card', '4111-1111-1111-1111', 'policy mask'],
];
for (const [name, value, label] of policyRows) {
  const p = set.get(name)!;
  const h = native.createPolicy(toNativePolicySpec(p));
  const loops = quick ? 2000 : 20000;
  add(label, () => tryForward(p, value), () => native.policyForward(h, value), () => {
    native.policyForwardLoop(h, value, loops / 10);
    const samples = [0, 1, 2].map(() => native.policyForwardLoop(h, value, loops) / loops);
    return samples.sort((a, b) => a - b)[1];
  });
}

const fmt = (n: number | undefined) => (n === undefined ? '–' : n >= 10000 ? `${(n / 1000).toFixed(1)} µs` : `${Math.round(n)} ns`);
process.stdout.write(`Node ${process.version}, OpenSSL ${process.versions.openssl}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}\n\n`);
process.stdout.write('| operation | TS reference | native via N-API | native in C++ (data plane) | TS / native(N-API) |\n|---|---|---|---|---|\n');
for (const r of rows) {
  process.stdout.write(`| ${r.name} | ${fmt(r.ts)} | ${fmt(r.napi)} | ${fmt(r.cpp)} | ${(r.ts / r.napi).toFixed(1)}× |\n`);
}
