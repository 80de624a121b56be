/** `sluice start [--config FILE]` (contract §1): runs until SIGTERM/SIGINT, then drains and exits 0. */
import { startGateway, type RunningGateway } from '../gateway/runtime';

export async function run(argv: string[]): Promise<number> {
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config' || a === '-c') {
      configFile = argv[++i];
      if (configFile === undefined) { process.stderr.write('sluice start: --config needs a file\n'); return 1; }
    } else if (a.startsWith('--config=')) configFile = a.slice('--config='.length);
    else if (a === '--help' || a === '-h') { process.stdout.write('usage: sluice start [--config FILE]\n'); return 0; }
    else { process.stderr.write(`sluice start: unknown argument '${a}'\n`); return 1; }
  }

  // Signals are taken from the first moment: one that arrives while the gateway is still starting is
  // honoured as soon as it is up (a drain of nothing), never left to the default action that kills the process.
  let gw: RunningGateway | undefined;
  let requested: string | undefined;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => { finish = resolve; });
  const stop = (sig: string) => {
    if (!gw) return;
    process.stderr.write(`sluice: ${sig}: draining (up to ${gw.config.shutdownGraceMs} ms)\n`);
    // Exit once drained even if a library left a handle open: a stopped gateway must not linger.
    const exit = (code: number) => { finish(code); setImmediate(() => process.exit(code)); };
    gw.stop().then(() => { process.stderr.write('sluice: stopped\n'); exit(0); },
      (err) => { process.stderr.write(`sluice: shutdown: ${(err as Error).message}\n`); exit(1); });
  };
  const onSignal = (sig: string) => {
    if (requested !== undefined) return;
    requested = sig;
    stop(sig);
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));

  try {
    gw = await startGateway(configFile === undefined ? {} : { configFile });
  } catch (err) {
    process.stderr.write(`sluice start: ${(err as Error).message}\n`);
    return 1;
  }
  if (requested !== undefined) stop(requested);
  return done;
}
