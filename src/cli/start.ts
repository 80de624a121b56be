/** `sluice start [--config FILE]` (contract §1): runs until SIGTERM/SIGINT, then drains and exits 0. */
import { startGateway } from '../gateway/runtime';

export async function run(argv: string[]): Promise<number> {
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config' || a === '-c') configFile = argv[++i];
    else if (a.startsWith('--config=')) configFile = a.slice('--config='.length);
    else if (a === '--help' || a === '-h') { process.stdout.write('usage: sluice start [--config FILE]\n'); return 0; }
    else { process.stderr.write(`sluice start: unknown argument '${a}'\n`); return 1; }
  }
  if (argv.includes('--config') && configFile === undefined) { process.stderr.write('sluice start: --config needs a file\n'); return 1; }
  let gw;
  try {
    gw = await startGateway(configFile === undefined ? {} : { configFile });
  } catch (err) {
    process.stderr.write(`sluice start: ${(err as Error).message}\n`);
    return 1;
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (sig: string) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`sluice: ${sig}: draining (up to ${gw.config.shutdownGraceMs} ms)\n`);
      // Exit once drained even if a library left a handle open: a stopped gateway must not linger.
      const exit = (code: number) => { resolve(code); setImmediate(() => process.exit(code)); };
      gw.stop().then(() => { process.stderr.write('sluice: stopped\n'); exit(0); },
        (err) => { process.stderr.write(`sluice: shutdown: ${(err as Error).message}\n`); exit(1); });
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  });
}
