/**
 * Timing: run an operation in batches until `ms` of CPU time has been spent and report operations per
 * CPU second. CPU time (process.cpuUsage: this process's threads, GC helpers included) rather than wall
 * time, because the machine is shared: being descheduled must not count against a library.
 * Results feed a sink so the optimizer cannot drop the work.
 */
let sink = 0;

/** Operations per second of `op` over roughly `ms` milliseconds (after the caller's warm-up). */
export function opsPerSecond(op: () => unknown, ms: number): number {
  let ops = 0;
  const start = process.cpuUsage();
  const budget = ms * 1000;
  let elapsed = 0;
  while (elapsed < budget) {
    for (let i = 0; i < 256; i++) {
      const r = op();
      sink += r === undefined ? 0 : 1;
    }
    ops += 256;
    const used = process.cpuUsage(start);
    elapsed = used.user + used.system;
  }
  return ops / (elapsed / 1e6);
}

/**
 * Median of three runs of each contender, interleaved round-robin after a warm-up of each, so that a
 * change in machine load hits every contender alike.
 */
export function medianOfThreeEach(ops: ReadonlyArray<() => unknown>, ms: number): number[] {
  for (const op of ops) opsPerSecond(op, Math.min(ms, 300));
  const runs: number[][] = ops.map(() => []);
  for (let round = 0; round < 3; round++) ops.forEach((op, i) => runs[i]!.push(opsPerSecond(op, ms)));
  return runs.map((r) => r.sort((a, b) => a - b)[1]!);
}

/** Keeps the sink observable. */
export function sinkValue(): number {
  return sink;
}
