/**
 * Apache Thrift's Python library as the byte-level oracle: `thrift --gen py` (Debian 0.17) for a
 * scenario's IDL, then python3-thrift's TSerialization of a value built in Python. Run with
 * /usr/bin/python3, which sees /usr/lib/python3/dist-packages (thrift-wire notes §13).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface OracleBytes {
  readonly binary: Uint8Array;
  readonly compact: Uint8Array;
}

const SCRIPT = `
import sys
sys.path.insert(0, sys.argv[1])
from thrift.TSerialization import serialize
from thrift.protocol import TBinaryProtocol, TCompactProtocol
exec('from %s.ttypes import *' % sys.argv[2])
for expr in sys.stdin.read().split('\\n===\\n'):
    v = eval(expr)
    print(serialize(v, TBinaryProtocol.TBinaryProtocolFactory()).hex())
    print(serialize(v, TCompactProtocol.TCompactProtocolFactory()).hex())
`;

/** Serializes each Python expression (values of types from `idl`) with Apache's binary and compact protocols. */
export function pythonSerialize(idl: string, exprs: readonly string[]): OracleBytes[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-gen-py-'));
  try {
    const gen = spawnSync('thrift', ['--gen', 'py', '-out', out, idl], { encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`thrift --gen py failed: ${gen.stderr}`);
    const module = path.basename(idl, '.thrift');
    const py = spawnSync('/usr/bin/python3', ['-c', SCRIPT, out, module], { input: exprs.join('\n===\n'), encoding: 'utf8' });
    if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
    const lines = py.stdout.trim().split('\n');
    return exprs.map((_, i) => ({ binary: fromHex(lines[2 * i]!), compact: fromHex(lines[2 * i + 1]!) }));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Bytes as spaced hex, for readable assertion diffs. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').replace(/(..)/g, '$1 ').trim();
}

function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}
