/**
 * `sluice decode --idl PATH [--idl PATH]... --type NS.Type [--protocol binary|compact]` (contract §1):
 * Thrift bytes on stdin → JSON (§5 rules) and a newline on stdout. Exit 0 on success; 1 with the error on
 * stderr (bad or truncated bytes, trailing bytes after the value); 2 on bad usage.
 */
import { thriftToJson } from '../json';
import { BinaryReader, CompactReader, ThriftTrailingBytesError } from '../thrift/protocol';
import { CODEC_OPTIONS, loadCodecType, parseCodecArgs, readStdin, reportCodecError, writeStdout } from './encode';

const USAGE = `usage: sluice decode --idl PATH [--idl PATH]... --type NS.Type [--protocol binary|compact]
Thrift bytes on stdin -> JSON on stdout.
${CODEC_OPTIONS}`;

/** Runs the command; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = parseCodecArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`sluice decode: ${args}\n${USAGE}`);
    return 2;
  }
  const target = loadCodecType('decode', args);
  if (!target) return 1;
  const input = new Uint8Array(await readStdin());
  const reader = args.protocol === 'compact' ? new CompactReader(input) : new BinaryReader(input);
  let json: string;
  try {
    json = thriftToJson(target.schema, target.type, reader, args.json);
    if (reader.remaining > 0) {
      throw ThriftTrailingBytesError(`${reader.remaining} bytes left after the ${args.type} value ended at offset ${reader.position}`);
    }
  } catch (err) {
    return reportCodecError('decode', err);
  }
  await writeStdout(json + '\n');
  return 0;
}
