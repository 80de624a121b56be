/**
 * `sluice encode --idl PATH [--idl PATH]... --type NS.Type [--protocol binary|compact]` (contract §1):
 * JSON (§5 rules) on stdin → Thrift bytes on stdout, IDL defaults filled in. Exit 0 on success; 1 with
 * the error on stderr (with the JSON field path when one value is to blame); 2 on bad usage.
 * Also home of the argument parsing and type lookup `sluice decode` shares.
 */
import type { TypeRef } from '../idl/model';
import { formatDiagnostic, loadIdl } from '../idl/index';
import type { Schema } from '../idl/model';
import { jsonToThrift } from '../json';
import type { JsonOptions } from '../json';
import { BinaryWriter, CompactWriter } from '../thrift/protocol';
import type { ProtocolWriter } from '../thrift/protocol';
import { SluiceError } from '../errors';

/** Options shared by `encode` and `decode`. */
export interface CodecArgs {
  readonly idl: string[];
  readonly includeDirs: string[];
  readonly type: string;
  readonly protocol: 'binary' | 'compact';
  readonly json: JsonOptions;
}

export const CODEC_OPTIONS = `  --idl PATH            IDL file or directory (repeatable)
  --type NS.Type        the value's type: IDL file base name and type name, e.g. people.Person
  --protocol P          binary (default) or compact
  -I DIR                extra include directory (repeatable)
  --i64 number|string   i64 output form (decode; default number)
  --enums number|name   enum output form (decode; default number)
  --unknown-fields ignore|reject
                        JSON keys the type does not declare (encode; default ignore)
`;

/** Parses the shared options; returns an error message on bad usage. */
export function parseCodecArgs(argv: string[]): CodecArgs | string {
  const idl: string[] = [];
  const includeDirs: string[] = [];
  let type: string | undefined;
  let protocol = 'binary';
  const json: { i64?: string; enums?: string; unknownFields?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { inline = a.slice(eq + 1); a = a.slice(0, eq); }
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--idl') idl.push(value());
      else if (a === '-I' || a === '--include') includeDirs.push(value());
      else if (a.startsWith('-I') && a.length > 2) includeDirs.push(a.slice(2));
      else if (a === '--type') type = value();
      else if (a === '--protocol') protocol = value();
      else if (a === '--i64') json.i64 = value();
      else if (a === '--enums') json.enums = value();
      else if (a === '--unknown-fields') json.unknownFields = value();
      else return `unknown argument ${a}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (idl.length === 0) return '--idl is required';
  if (type === undefined) return '--type is required';
  if (protocol !== 'binary' && protocol !== 'compact') return `--protocol must be binary or compact, not ${protocol}`;
  if (json.i64 !== undefined && json.i64 !== 'number' && json.i64 !== 'string') return '--i64 must be number or string';
  if (json.enums !== undefined && json.enums !== 'number' && json.enums !== 'name') return '--enums must be number or name';
  if (json.unknownFields !== undefined && json.unknownFields !== 'ignore' && json.unknownFields !== 'reject') {
    return '--unknown-fields must be ignore or reject';
  }
  return { idl, includeDirs, type, protocol, json: json as JsonOptions };
}

/**
 * Loads the IDL and finds `args.type`; prints diagnostics and returns undefined when the IDL does not
 * load or the type is not there.
 */
export function loadCodecType(cmd: string, args: CodecArgs): { schema: Schema; type: TypeRef } | undefined {
  const loaded = loadIdl(args.idl, { includeDirs: args.includeDirs });
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!loaded.schema) return undefined;
  const schema = loaded.schema;
  const def = schema.definitions.get(args.type);
  let type: TypeRef | undefined;
  if (def?.kind === 'struct' || def?.kind === 'union' || def?.kind === 'exception') type = { kind: 'struct', name: def.qname };
  else if (def?.kind === 'enum') type = { kind: 'enum', name: def.qname };
  else if (def?.kind === 'typedef') type = def.type;
  if (!type) {
    const known = [...schema.definitions.values()]
      .filter((d) => d.kind !== 'service' && d.kind !== 'const').map((d) => d.qname).sort();
    const hint = known.length > 0 ? `; types: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}` : '';
    process.stderr.write(`sluice ${cmd}: ${def ? `${args.type} is a ${def.kind}, not a type` : `no type ${args.type} in the IDL`}${hint}\n`);
    return undefined;
  }
  return { schema, type };
}

/** Prints an error the way both commands do: code, JSON field path when known, message. */
export function reportCodecError(cmd: string, err: unknown): number {
  if (err instanceof SluiceError) {
    process.stderr.write(`sluice ${cmd}: ${err.code}: ${err.field !== undefined ? `${err.field}: ` : ''}${err.message}\n`);
    return 1;
  }
  throw err;
}

/** Reads all of stdin. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes bytes to stdout and resolves once they are flushed. */
export function writeStdout(data: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
}

const USAGE = `usage: sluice encode --idl PATH [--idl PATH]... --type NS.Type [--protocol binary|compact]
JSON on stdin -> Thrift bytes on stdout.
${CODEC_OPTIONS}`;

/** Runs the command; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = parseCodecArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`sluice encode: ${args}\n${USAGE}`);
    return 2;
  }
  const target = loadCodecType('encode', args);
  if (!target) return 1;
  const input = (await readStdin()).toString('utf8');
  const writer: ProtocolWriter = args.protocol === 'compact' ? new CompactWriter() : new BinaryWriter();
  try {
    jsonToThrift(target.schema, target.type, input, writer, args.json);
  } catch (err) {
    return reportCodecError('encode', err);
  }
  await writeStdout(writer.finish());
  return 0;
}
