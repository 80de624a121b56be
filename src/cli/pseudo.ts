/**
 * `sluice pseudo encrypt|decrypt|hash ...` (contract §1): one raw primitive from the command line, for
 * operators and known-answer tests. VALUE is the last argument, or stdin (one trailing newline dropped)
 * when absent. `--native` runs the C++ primitives through the addon instead of the TypeScript reference.
 * Errors go to stderr as `sluice pseudo: <code>: <message>` with exit 1; keys and values are never echoed.
 */
import { SluiceError } from '../errors';
import { runPseudoCommand, type PseudoCommand } from '../pseudo/cli-command';

const usage = `usage:
  sluice pseudo encrypt|decrypt --method ff1 --key HEX [--tweak HEX] (--radix N | --alphabet CHARS) [VALUE]
  sluice pseudo encrypt|decrypt --method siv --key HEX [--ad HEX]... [HEX]
  sluice pseudo hash --method hmac --key HEX [--hex-input] [VALUE]
  (VALUE defaults to stdin; --native uses the C++ primitives)
`;

class UsageError extends Error {}

function parse(argv: string[]): PseudoCommand {
  const [action, ...rest] = argv;
  if (action !== 'encrypt' && action !== 'decrypt' && action !== 'hash') throw new UsageError('expected encrypt, decrypt or hash');
  const cmd: PseudoCommand = { action, ad: [], hexInput: false, native: false };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const takeValue = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--method': cmd.method = takeValue(); break;
      case '--key': cmd.keyHex = takeValue(); break;
      case '--tweak': cmd.tweakHex = takeValue(); break;
      case '--radix': cmd.radix = takeValue(); break;
      case '--alphabet': cmd.alphabet = takeValue(); break;
      case '--ad': cmd.ad.push(takeValue()); break;
      case '--hex-input': cmd.hexInput = true; break;
      case '--native': cmd.native = true; break;
      case '--': positional.push(...rest.slice(i + 1)); i = rest.length; break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (positional.length > 1) throw new UsageError('expected at most one VALUE');
  cmd.value = positional[0];
  return cmd;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Runs `sluice pseudo` and returns the exit code (0 ok, 1 on any error). */
export async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(usage);
    return argv.length === 0 ? 1 : 0;
  }
  try {
    const cmd = parse(argv);
    if (cmd.value === undefined) cmd.value = await readStdin();
    process.stdout.write(runPseudoCommand(cmd) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof UsageError) process.stderr.write(`sluice pseudo: ${err.message}\n\n${usage}`);
    else if (err instanceof SluiceError) process.stderr.write(`sluice pseudo: ${err.code}: ${err.message}\n`);
    else if (err instanceof Error && typeof (err as unknown as { code?: unknown }).code === 'string') {
      // Errors thrown by the native binding carry a SLUICE_E_* code too.
      process.stderr.write(`sluice pseudo: ${(err as unknown as { code: string }).code}: ${err.message}\n`);
    } else throw err;
    return 1;
  }
}
