/**
 * npm `thrift` 0.24 (Apache's Node library) on code from `thrift --gen js:node,es6` (Debian's compiler 0.17;
 * plain `js:node` output needs a `thrift.Q` the current library lacks). Encode goes through
 * TBufferedTransport's flush callback (one output Buffer), decode reads a Buffer via TFramedTransport's
 * in-memory input, which is how the library's own connections feed its protocols.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Generated = any;

export interface ApacheCodec {
  encode(v: Generated): Buffer;
  decode(bytes: Buffer): Generated;
}

/** Generates the JS code into `outDir` (which must be inside the repository, so `require('thrift')` resolves). */
export function loadApache(idl: string, outDir: string) {
  fs.mkdirSync(outDir, { recursive: true });
  const gen = spawnSync('thrift', ['--gen', 'js:node,es6', '-out', outDir, idl], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`thrift --gen js:node,es6 failed: ${gen.stderr}`);
  const thrift = require('thrift') as Generated;
  const types = require(path.join(outDir, `${path.basename(idl, '.thrift')}_types.js`)) as Generated;
  const codec = (Type: Generated, Protocol: Generated): ApacheCodec => ({
    encode(v) {
      let out: Buffer | undefined;
      const t = new thrift.TBufferedTransport(undefined, (msg: Buffer) => { out = msg; });
      v.write(new Protocol(t));
      t.flush();
      return out!;
    },
    decode(bytes) {
      const v = new Type();
      v.read(new Protocol(new thrift.TFramedTransport(bytes)));
      return v;
    },
  });
  return {
    Int64: require('node-int64') as Generated,
    types,
    small: { binary: codec(types.Small, thrift.TBinaryProtocol), compact: codec(types.Small, thrift.TCompactProtocol) },
    big: { binary: codec(types.Big, thrift.TBinaryProtocol), compact: codec(types.Big, thrift.TCompactProtocol) },
  };
}
