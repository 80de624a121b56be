/**
 * `sluice <command>`: dispatches to src/cli/<command>.ts, each exporting `run(argv): Promise<number>`
 * (the exit code). Errors that escape a command are printed as `sluice: <code>: <message>`, exit 1.
 */
import { SluiceError } from '../errors';

interface Command { run(argv: string[]): Promise<number> }
// Loaded lazily so that `sluice encode` does not pay for fastify or the native addon.
const commands: Record<string, () => Command> = {
  start: () => require('./start') as Command,
  check: () => require('./check') as Command,
  codegen: () => require('./codegen') as Command,
  encode: () => require('./encode') as Command,
  decode: () => require('./decode') as Command,
  pseudo: () => require('./pseudo') as Command,
};

const usage = `usage: sluice <command> [options]

commands:
  start [--config FILE]            run the gateway (no config and no ./sluice.yaml: the bundled demo)
  check [--config FILE]            load config and IDL, print the route table or every problem
  codegen <idl>... --out DIR [-I DIR]...
                                   write typed TypeScript codecs
  encode --idl PATH --type NS.Type [--protocol binary|compact]
                                   JSON on stdin -> Thrift bytes on stdout
  decode --idl PATH --type NS.Type [--protocol binary|compact]
                                   Thrift bytes on stdin -> JSON on stdout
  pseudo encrypt|decrypt|hash ...  apply one pseudonymization primitive
`;

/** Runs the CLI with `argv` (without node and script) and exits the process with the command's code. */
export function main(argv: string[]): void {
  const name = argv[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    process.exitCode = name === undefined ? 1 : 0;
    return;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`sluice: unknown command '${name}'\n\n${usage}`);
    process.exitCode = 1;
    return;
  }
  Promise.resolve()
    .then(() => load().run(argv.slice(1)))
    .then((code) => { process.exitCode = code; })
    .catch((err: unknown) => {
      if (err instanceof SluiceError) process.stderr.write(`sluice: ${err.code}: ${err.message}\n`);
      else process.stderr.write(`sluice: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
