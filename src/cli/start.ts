/** `sluice start`: not built yet (see the open issues). */
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('sluice start: not implemented yet\n');
  return 2;
}
