/**
 * Golden vectors against Apache Thrift's Python library, regenerated live on every run: gen_vectors.py
 * serializes values with python3-thrift 0.17 (TSerialization, binary and compact) and records raw protocol
 * calls; our protocol layer, jsonToThrift, thriftToJson and the `sluice encode`/`decode` commands must
 * produce and read the very same bytes. vectors.json is the checked-in (reduced) copy of that output.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadIdl } from '../../../src/idl/index';
import type { Schema, TypeRef } from '../../../src/idl/model';
import { JsonNumber, jsonToThrift, parseJson, thriftToJson } from '../../../src/json';
import type { JsonValue } from '../../../src/json';
import { integerFromText } from '../../../src/json/numbers';
import {
  BinaryReader, BinaryWriter, CompactReader, CompactWriter, MessageType, TType,
} from '../../../src/thrift/protocol';
import type { ProtocolReader, ProtocolWriter } from '../../../src/thrift/protocol';

const HERE = __dirname;
const ROOT = path.resolve(HERE, '../../..');
const IDL = path.join(HERE, 'vectors.thrift');
const PYTHON = '/usr/bin/python3'; // a pyenv python3 earlier on PATH cannot see Debian's thrift module

interface ValueVector {
  name: string; type: string; write_type?: string; json_in: string; json_out: string; binary: string; compact: string;
}
type Op = [string, ...Array<string | number | boolean>];
interface ProtocolVector { name: string; ops: Op[]; binary: string; compact: string }
interface VectorDoc { values: ValueVector[]; protocol: ProtocolVector[] }

const PROTOCOLS = {
  binary: { writer: (): ProtocolWriter => new BinaryWriter(), reader: (b: Uint8Array) => new BinaryReader(b) },
  compact: { writer: (): ProtocolWriter => new CompactWriter(), reader: (b: Uint8Array) => new CompactReader(b) },
} as const;
type ProtocolName = keyof typeof PROTOCOLS;
const PROTOCOL_NAMES: ProtocolName[] = ['binary', 'compact'];

let tmp: string;
let live: VectorDoc;
let liveReducedText: string;
let schema: Schema;

function runPython(args: string[]): string {
  const r = spawnSync(PYTHON, [path.join(HERE, 'gen_vectors.py'), ...args], {
    encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' }, maxBuffer: 64 << 20,
  });
  assert.equal(r.status, 0, `gen_vectors.py failed: ${r.stderr}`);
  return r.stdout;
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-vectors-'));
  const gen = spawnSync('thrift', ['--gen', 'py', '-out', tmp, IDL], { encoding: 'utf8' });
  assert.equal(gen.status, 0, `thrift --gen py failed: ${gen.stderr}`);
  live = JSON.parse(runPython([tmp])) as VectorDoc;
  liveReducedText = runPython([tmp, '--reduced']);
  const loaded = loadIdl([IDL]);
  assert.ok(loaded.schema, loaded.diagnostics.map((d) => d.message).join('\n'));
  schema = loaded.schema;
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const typeRef = (qname: string): TypeRef => ({ kind: 'struct', name: qname });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

/** JSON text with numbers normalized to their exact value, so `1e+16` (Python) equals `10000000000000000`. */
function canonical(v: JsonValue): string {
  if (v instanceof JsonNumber) {
    if (v.text === '-0.0') return '-0';
    const exact = integerFromText(v.text);
    return typeof exact === 'bigint' ? exact.toString() : String(Number(v.text));
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, JsonValue>)[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

test('the checked-in vectors.json equals what gen_vectors.py produces now', () => {
  const checkedIn = fs.readFileSync(path.join(HERE, 'vectors.json'), 'utf8');
  assert.equal(checkedIn, liveReducedText, 'regenerate: thrift --gen py -out DIR vectors.thrift && PYTHONHASHSEED=0 /usr/bin/python3 gen_vectors.py DIR --reduced > vectors.json');
  assert.ok(live.values.length >= 60 && live.protocol.length >= 4);
});

test('jsonToThrift writes the bytes Apache Python writes, in both protocols, for every value vector', () => {
  for (const v of live.values) {
    for (const p of PROTOCOL_NAMES) {
      const w = PROTOCOLS[p].writer();
      jsonToThrift(schema, typeRef(v.write_type ?? v.type), v.json_in, w);
      assert.equal(hex(w.finish()), v[p], `${v.name} (${p})`);
    }
  }
});

test('thriftToJson reads Apache Python bytes back to the same values, skipping unknown fields', () => {
  for (const v of live.values) {
    for (const p of PROTOCOL_NAMES) {
      const r = PROTOCOLS[p].reader(bytes(v[p]));
      const json = thriftToJson(schema, typeRef(v.type), r, {});
      assert.equal(r.position, v[p].length / 2, `${v.name} (${p}) consumed every byte`);
      assert.equal(canonical(parseJson(json)), canonical(parseJson(v.json_out)), `${v.name} (${p})`);
    }
  }
});

const TTYPES: Record<string, TType> = {
  bool: TType.BOOL, byte: TType.BYTE, i16: TType.I16, i32: TType.I32, i64: TType.I64, double: TType.DOUBLE,
  string: TType.STRING, struct: TType.STRUCT, map: TType.MAP, set: TType.SET, list: TType.LIST,
};
const t = (name: unknown): TType => TTYPES[name as string]!;

function writeOps(w: ProtocolWriter, ops: Op[]): void {
  for (const [kind, a, b, c] of ops) {
    switch (kind) {
      case 'msg': w.writeMessageBegin(a as string, b as MessageType, c as number); break;
      case 'msg_end': w.writeMessageEnd(); break;
      case 'struct_begin': w.writeStructBegin(); break;
      case 'struct_end': w.writeStructEnd(); break;
      case 'field': w.writeFieldBegin(t(a), b as number); break;
      case 'field_end': w.writeFieldEnd(); break;
      case 'field_stop': w.writeFieldStop(); break;
      case 'list': w.writeListBegin(t(a), b as number); break;
      case 'set': w.writeSetBegin(t(a), b as number); break;
      case 'map': w.writeMapBegin(t(a), t(b), c as number); break;
      case 'list_end': w.writeListEnd(); break;
      case 'set_end': w.writeSetEnd(); break;
      case 'map_end': w.writeMapEnd(); break;
      case 'bool': w.writeBool(a as boolean); break;
      case 'byte': w.writeByte(a as number); break;
      case 'i16': w.writeI16(a as number); break;
      case 'i32': w.writeI32(a as number); break;
      case 'i64': w.writeI64(BigInt(a as string)); break;
      case 'double': w.writeDouble(Number(a)); break;
      case 'string': w.writeString(a as string); break;
      case 'binary': w.writeBinary(bytes(a as string)); break;
      default: assert.fail(`unknown op ${kind}`);
    }
  }
}

/** Replays `ops` as reads and checks every header and value against what was written. */
function readOps(r: ProtocolReader, ops: Op[], where: string): void {
  for (const [kind, a, b, c] of ops) {
    const at = `${where}: ${kind} at offset ${r.position}`;
    switch (kind) {
      case 'msg': assert.deepEqual(r.readMessageBegin(), { name: a, type: b, seqid: c }, at); break;
      case 'msg_end': r.readMessageEnd(); break;
      case 'struct_begin': r.readStructBegin(); break;
      case 'struct_end': r.readStructEnd(); break;
      case 'field': assert.deepEqual([r.readFieldBegin(), r.fieldId], [t(a), b], at); break;
      case 'field_end': r.readFieldEnd(); break;
      case 'field_stop': assert.equal(r.readFieldBegin(), TType.STOP, at); break;
      case 'list': assert.deepEqual([r.readListBegin(), r.elemType], [b, t(a)], at); break;
      case 'set': assert.deepEqual([r.readSetBegin(), r.elemType], [b, t(a)], at); break;
      case 'map': {
        const n = r.readMapBegin();
        assert.deepEqual(n === 0 ? [n] : [n, r.keyType, r.valueType], c === 0 ? [0] : [c, t(a), t(b)], at);
        break;
      }
      case 'list_end': r.readListEnd(); break;
      case 'set_end': r.readSetEnd(); break;
      case 'map_end': r.readMapEnd(); break;
      case 'bool': assert.equal(r.readBool(), a, at); break;
      case 'byte': assert.equal(r.readByte(), a, at); break;
      case 'i16': assert.equal(r.readI16(), a, at); break;
      case 'i32': assert.equal(r.readI32(), a, at); break;
      case 'i64': assert.equal(r.readI64(), BigInt(a as string), at); break;
      case 'double': assert.ok(Object.is(r.readDouble(), Number(a)), at); break;
      case 'string': assert.equal(r.readString(), a, at); break;
      case 'binary': assert.equal(hex(r.readBinary()), a, at); break;
      default: assert.fail(`unknown op ${kind}`);
    }
  }
}

test('raw protocol calls (decreasing and long-form ids, bool elements, sizes, messages) match Python byte for byte', () => {
  for (const v of live.protocol) {
    for (const p of PROTOCOL_NAMES) {
      const w = PROTOCOLS[p].writer();
      writeOps(w, v.ops);
      assert.equal(hex(w.finish()), v[p], `${v.name} (${p})`);
      const r = PROTOCOLS[p].reader(bytes(v[p]));
      readOps(r, v.ops, `${v.name} (${p})`);
      assert.equal(r.position, v[p].length / 2);
    }
  }
});

function sluice(args: string[], stdin: string | Uint8Array) {
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', 'require("./src/cli/main.ts").main(process.argv.slice(1))', '--', ...args], {
    cwd: ROOT, input: stdin, maxBuffer: 64 << 20,
  });
}

test('sluice encode writes the bytes Python writes and sluice decode reads them back', () => {
  const picked = ['containers', 'deltas', 'person', 'defaults', 'nested', 'binary-128KiB'];
  for (const name of picked) {
    const v = live.values.find((x) => x.name === name);
    assert.ok(v, name);
    for (const p of PROTOCOL_NAMES) {
      const enc = sluice(['encode', '--idl', HERE, '--type', v.type, '--protocol', p], v.json_in);
      assert.equal(enc.status, 0, `${name} (${p}): ${enc.stderr}`);
      assert.equal(hex(enc.stdout), v[p], `${name} (${p})`);
    }
    const dec = sluice(['decode', '--idl', IDL, '--type', v.type, '--protocol', 'compact'], bytes(v.compact));
    assert.equal(dec.status, 0, `${name}: ${dec.stderr}`);
    assert.equal(canonical(parseJson(dec.stdout.toString('utf8'))), canonical(parseJson(v.json_out)), name);
  }
});

test('sluice encode and decode report bad input on stderr with the field path and exit 1', () => {
  const enc = sluice(['encode', '--idl', IDL, '--type', 'vectors.Containers'], '{"lb":[true,false,3]}');
  assert.equal(enc.status, 1);
  assert.equal(enc.stdout.length, 0);
  assert.match(enc.stderr.toString(), /SLUICE_E_JSON_WRONG_TYPE: lb\[2\]: /);
  const missing = sluice(['encode', '--idl', IDL, '--type', 'vectors.Person'], '{"mail":"x"}');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr.toString(), /SLUICE_E_JSON_MISSING_REQUIRED: name: /);
  const truncated = sluice(['decode', '--idl', IDL, '--type', 'vectors.Scalars'], bytes('0b000800000005616263'));
  assert.equal(truncated.status, 1);
  assert.match(truncated.stderr.toString(), /SLUICE_E_THRIFT_TRUNCATED/);
  const unknownType = sluice(['encode', '--idl', IDL, '--type', 'vectors.Nope'], '{}');
  assert.equal(unknownType.status, 1);
  assert.match(unknownType.stderr.toString(), /no type vectors\.Nope/);
  const usage = sluice(['decode', '--idl', IDL], '');
  assert.equal(usage.status, 2);
});
