/**
 * `sluice codegen <idl file or dir>... --out DIR [-I DIR]...` (contract §1, §4): loads the IDL and writes
 * one TypeScript module per IDL file (included files too) into DIR. Exit 0 on success; 1 with every
 * problem printed as `file:line:col: message` when the IDL does not load; 2 on bad usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../../codegen/index';
import { formatDiagnostic, loadIdl } from '../idl/index';

const USAGE = 'usage: sluice codegen <idl file or dir>... --out DIR [-I DIR]...\n';

interface Args {
  readonly inputs: string[];
  readonly out: string | undefined;
  readonly includeDirs: string[];
}

function parseArgs(argv: string[]): Args | string {
  const inputs: string[] = [];
  const includeDirs: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (a === '--out' || a === '-o') {
      out = value();
      if (out === undefined) return `${a} needs a directory`;
    } else if (a.startsWith('--out=')) {
      out = a.slice('--out='.length);
    } else if (a === '-I' || a === '--include') {
      const d = value();
      if (d === undefined) return `${a} needs a directory`;
      includeDirs.push(d);
    } else if (a.startsWith('-I') && a.length > 2) {
      includeDirs.push(a.slice(2));
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else {
      inputs.push(a);
    }
  }
  return { inputs, out, includeDirs };
}

/** Runs the command; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string' || args.inputs.length === 0 || args.out === undefined) {
    process.stderr.write(`sluice codegen: ${typeof args === 'string' ? args : args.inputs.length === 0 ? 'no IDL given' : '--out is required'}\n${USAGE}`);
    return 2;
  }
  const loaded = loadIdl(args.inputs, { includeDirs: args.includeDirs });
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!loaded.schema) return 1;
  const files = generate(loaded.schema);
  fs.mkdirSync(args.out, { recursive: true });
  for (const f of files) {
    const target = path.join(args.out, f.path);
    fs.writeFileSync(target, f.content);
    process.stdout.write(`${target}\n`);
  }
  return 0;
}
