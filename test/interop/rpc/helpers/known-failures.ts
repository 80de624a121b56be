/** Reads known_failures.json: interop checks that fail for a stated reason outside our code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MatrixConfig, PeerName } from './peers';

export type Direction = 'our-client' | 'their-client';

export interface KnownFailure {
  readonly peer: PeerName;
  readonly direction: Direction;
  readonly check: string;
  /** Restricts the entry to these protocols; all when absent. */
  readonly protocols?: readonly string[];
  readonly reason: string;
}

const FILE = path.resolve(__dirname, '..', 'known_failures.json');

export function loadKnownFailures(): readonly KnownFailure[] {
  return JSON.parse(fs.readFileSync(FILE, 'utf8')).failures as KnownFailure[];
}

/** The entry excusing `check` in this run, if any. */
export function knownFailure(list: readonly KnownFailure[], peer: PeerName, direction: Direction, check: string,
  c: MatrixConfig): KnownFailure | undefined {
  return list.find((f) => f.peer === peer && f.direction === direction && f.check === check
    && (f.protocols === undefined || f.protocols.includes(c.protocol)));
}
