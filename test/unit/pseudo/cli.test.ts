/**
 * `sluice pseudo` (contract §1) reproduces every known-answer vector from the command line, reads
 * VALUE from stdin, and fails with exit 1 and a stderr message that never echoes the key.
 * Runs bin/sluice.js when dist/ is up to date with the sources, else the sources through tsx.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NIST_FF1, RFC4231, SIV, WYCHEPROOF_FF1 } from './vectors';
import { loadNativePseudo } from '../../../src/pseudo/native';

const root = path.resolve(__dirname, '..', '..', '..');

function distIsFresh(): boolean {
  const pairs = [['src/cli/pseudo.ts', 'dist/src/cli/pseudo.js'], ...fs.readdirSync(path.join(root, 'src/pseudo'))
    .filter((f) => f.endsWith('.ts')).map((f) => [`src/pseudo/${f}`, `dist/src/pseudo/${f.replace(/\.ts$/, '.js')}`])];
  return pairs.every(([src, out]) => {
    const o = path.join(root, out);
    return fs.existsSync(o) && fs.statSync(o).mtimeMs >= fs.statSync(path.join(root, src)).mtimeMs;
  });
}

const entry = distIsFresh()
  ? [path.join(root, 'bin', 'sluice.js')]
  : ['--import', 'tsx', '-e', `require(${JSON.stringify(path.join(root, 'src/cli/main.ts'))}).main(process.argv.slice(1))`];

/** Runs `fn` over `items` two at a time (the machine has two cores; each run is a node process). */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 2) await Promise.all(items.slice(i, i + 2).map(fn));
}

interface CliResult { code: number | null; stdout: string; stderr: string }

function sluice(args: string[], stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function expectOut(args: string[], expected: string, stdin?: string): Promise<void> {
  const r = await sluice(args, stdin);
  assert.equal(r.stderr, '', `stderr of sluice ${args.join(' ')}`);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, expected + '\n');
}

// The native primitives are compared exhaustively in native.test.ts; here one pass shows the flag works.
const nativeFlags = loadNativePseudo() ? [[], ['--native']] : [[]];

for (const flags of nativeFlags) {
  const label = flags.length ? ' (--native)' : '';
  const some = <T>(xs: readonly T[]): readonly T[] => (flags.length ? xs.filter((_, i) => i % 3 === 0) : xs);
  test(`sluice pseudo encrypt|decrypt --method ff1 reproduces NIST FF1 1–9 and Wycheproof rows${label}`, async () => {
    await inBatches(some([...NIST_FF1, ...WYCHEPROOF_FF1]), async (v) => {
      const base = ['--method', 'ff1', '--key', v.key, '--radix', String(v.radix), ...(v.tweak ? ['--tweak', v.tweak] : []), ...flags];
      await expectOut(['pseudo', 'encrypt', ...base, v.pt], v.ct);
      await expectOut(['pseudo', 'decrypt', ...base, v.ct], v.pt);
    });
  });

  test(`sluice pseudo --method siv reproduces RFC 5297 A.1, A.2 (three --ad), no-AD and one-empty-AD rows${label}`, async () => {
    await inBatches(flags.length ? SIV.filter((v) => v.ad.length !== 1 || v.pt === '') : SIV, async (v) => {
      const base = ['--method', 'siv', '--key', v.key, ...v.ad.flatMap((a) => ['--ad', a]), ...flags];
      // An empty plaintext can only be given on stdin (an empty last argument is fine too).
      await expectOut(['pseudo', 'encrypt', ...base, ...(v.pt ? [v.pt] : [])], v.tag + v.ct, '');
      await expectOut(['pseudo', 'decrypt', ...base, v.tag + v.ct], v.pt);
    });
  });

  test(`sluice pseudo hash --method hmac --hex-input reproduces RFC 4231 TC1–7${label}`, async () => {
    await inBatches(some(RFC4231), async (v) => {
      const r = await sluice(['pseudo', 'hash', '--method', 'hmac', '--key', v.key, '--hex-input', v.data, ...flags]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim().slice(0, (v.truncatedTo ?? 32) * 2), v.mac, v.name);
    });
  });
}

test('sluice pseudo reads VALUE from stdin and hashes UTF-8 text without --hex-input', async () => {
  await expectOut(['pseudo', 'encrypt', '--method', 'ff1', '--key', NIST_FF1[0].key, '--radix', '10'], NIST_FF1[0].ct, '0123456789\n');
  await expectOut(['pseudo', 'hash', '--method', 'hmac', '--key', RFC4231[1].key, 'what do ya want for nothing?'], RFC4231[1].mac);
});

test('sluice pseudo --alphabet uses custom alphabets and keeps them', async () => {
  const r = await sluice(['pseudo', 'encrypt', '--method', 'ff1', '--key', NIST_FF1[0].key, '--alphabet', 'ABCDEFGHIJ', 'ABCDEFGHIJ']);
  assert.equal(r.code, 0, r.stderr);
  // Same numerals as NIST sample 1 under a relabelled alphabet.
  assert.equal(r.stdout.trim(), NIST_FF1[0].ct.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]));
});

test('sluice pseudo fails with exit 1 and a stderr message naming the problem, never the key', async () => {
  const secretKey = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const cases: [string[], RegExp][] = [
    [['pseudo', 'encrypt', '--method', 'ff1', '--key', secretKey, '--radix', '10', '12345'], /SLUICE_E_PSEUDO_BAD_INPUT: .*10\^6/],
    [['pseudo', 'encrypt', '--method', 'ff1', '--key', secretKey, '--radix', '10', '12345x'], /outside the FF1 alphabet/],
    [['pseudo', 'encrypt', '--method', 'ff1', '--key', secretKey.slice(2), '--radix', '10', '123456'], /SLUICE_E_PSEUDO_BAD_KEY/],
    [['pseudo', 'encrypt', '--method', 'ff1', '--key', secretKey, '123456'], /--radix N or --alphabet/],
    [['pseudo', 'encrypt', '--method', 'siv', '--key', secretKey, '00'], /SLUICE_E_PSEUDO_BAD_KEY: AES-SIV needs a key of 32, 48 or 64 bytes/],
    [['pseudo', 'decrypt', '--method', 'siv', '--key', SIV[0].key, SIV[0].tag + SIV[0].ct], /SLUICE_E_PSEUDO_AUTH_FAILED/],
    [['pseudo', 'encrypt', '--method', 'siv', '--key', SIV[0].key, 'xyz'], /VALUE must be an even number of hex digits/],
    [['pseudo', 'hash', '--method', 'sha256', '--key', secretKey, 'x'], /--method hmac only/],
    [['pseudo', 'encrypt', '--method', 'ff3', '--key', secretKey, 'x'], /--method ff1 or siv/],
    [['pseudo', 'encrypt', '--method', 'ff1', '--key', secretKey, '--bogus', 'x'], /unknown option --bogus/],
    [['pseudo', 'rotate'], /expected encrypt, decrypt or hash/],
    [['pseudo', 'encrypt', '--method', 'siv', '--key', SIV[0].key, '--tweak', '00', '00'], /--tweak does not apply to encrypt --method siv/],
    [['pseudo', 'encrypt', '--method', 'ff1', '--key', secretKey, '--radix', '10', '--ad', '00', '123456'], /--ad does not apply/],
    [['pseudo', 'encrypt', '--key', secretKey, '123456'], /--method is required/],
  ];
  await inBatches(cases, async ([args, pattern]) => {
    const r = await sluice(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, pattern);
    assert.ok(!r.stderr.includes(secretKey) && !r.stderr.includes(secretKey.slice(2)), 'stderr must not contain the key');
    assert.ok(!r.stderr.includes('12345'), 'stderr must not contain the value');
  });
});
