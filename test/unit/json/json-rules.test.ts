import test from 'node:test';
import assert from 'node:assert/strict';
import { jsonToThrift, thriftToJson, valueToThrift } from '../../../src/json';
import type { JsonOptions } from '../../../src/json';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter } from '../../../src/thrift/protocol';
import type { TypeRef } from '../../../src/idl/model';
import { SluiceError } from '../../../src/errors';
import { people, struct, field, schemaOf, T } from './schema-fixture';

const Person = T.struct('Person');
const protocols = [
  { name: 'binary', writer: () => new BinaryWriter(), reader: (b: Uint8Array) => new BinaryReader(b) },
  { name: 'compact', writer: () => new CompactWriter(), reader: (b: Uint8Array) => new CompactReader(b) },
];

function encode(json: string, opts: JsonOptions = {}, type: TypeRef = Person, proto = protocols[0]!): Uint8Array {
  const w = proto.writer();
  jsonToThrift(people, type, json, w, opts);
  return w.finish().slice();
}

/** JSON in → Thrift (each protocol) → JSON out; asserts both protocols agree and returns the output. */
function roundTrip(json: string, opts: JsonOptions = {}, type: TypeRef = Person): string {
  const outs = protocols.map((p) => thriftToJson(people, type, p.reader(encode(json, opts, type, p)), opts));
  assert.equal(outs[0], outs[1], 'binary and compact give the same JSON');
  return outs[0]!;
}

function fails(json: string, opts: JsonOptions = {}): SluiceError {
  try {
    encode(json, opts);
  } catch (err) {
    assert.ok(err instanceof SluiceError, String(err));
    return err;
  }
  assert.fail(`expected ${json} to be rejected`);
}

function assertError(json: string, code: string, fieldPath: string | undefined, opts: JsonOptions = {}): void {
  const err = fails(json, opts);
  assert.equal(err.code, code, `${json}: ${err.message}`);
  assert.equal(err.field, fieldPath, `${json}: ${err.message}`);
  assert.equal(err.statusCode, 400);
}

const base = '"name":"ann"';

test('i64 is exact both ways, as a number by default and a string under js_conv or i64: string', () => {
  const out = roundTrip(`{${base},"id":"9223372036854775807","big":9007199254740993,"bigs":[-9223372036854775808,"1"]}`);
  assert.equal(out, '{"name":"ann","id":"9223372036854775807","count":7,"inner2":{"a":5,"b":"x"},"big":9007199254740993,"bigs":["-9223372036854775808","1"]}');
  assert.match(roundTrip(`{${base},"big":-9007199254740993}`, { i64: 'string' }), /"big":"-9007199254740993"/);
  assert.match(roundTrip(`{${base},"big":"12"}`), /"big":12[,}]/);
  assert.match(roundTrip(`{${base},"big":1.5e3}`), /"big":1500[,}]/);
  assert.match(roundTrip(`{${base},"big":-2.50E1,"count":"-0.0e5"}`), /"count":0,.*"big":-25[,}]/);
});

test('integers outside their type, fractions and non-numeric strings are rejected with the field path', () => {
  assertError(`{${base},"tiny":128}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'tiny');
  assertError(`{${base},"tiny":-129}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'tiny');
  assertError(`{${base},"short":32768}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'short');
  assertError(`{${base},"count":2147483648}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'count');
  assertError(`{${base},"big":9223372036854775808}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'big');
  assertError(`{${base},"big":"-9223372036854775809"}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'big');
  assertError(`{${base},"count":1.5}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'count');
  assertError(`{${base},"count":1e999}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'count');
  assertError(`{${base},"count":"seven"}`, 'SLUICE_E_JSON_WRONG_TYPE', 'count');
  assertError(`{${base},"count":true}`, 'SLUICE_E_JSON_WRONG_TYPE', 'count');
  assert.match(roundTrip(`{${base},"tiny":-128,"short":"-32768","count":"2147483647"}`), /"count":2147483647,.*"tiny":-128,.*"short":-32768/);
});

test('doubles: shortest round-trip text, -0.0 keeps its sign, NaN and infinities as strings both ways', () => {
  const score = (json: string) => /"score":([^,}]*)/.exec(roundTrip(`{${base},"score":${json}}`))![1];
  assert.equal(score('-0.0'), '-0.0');
  assert.equal(score('0'), '0');
  assert.equal(score('"NaN"'), '"NaN"');
  assert.equal(score('"Infinity"'), '"Infinity"');
  assert.equal(score('"-Infinity"'), '"-Infinity"');
  assert.equal(score('0.1'), '0.1');
  assert.equal(score('5e-324'), '5e-324');
  assert.equal(score('1.7976931348623157e308'), '1.7976931348623157e+308');
  assert.equal(score('-5.235098235'), '-5.235098235');
  assert.equal(score('"2.5"'), '2.5');
  assertError(`{${base},"score":1e400}`, 'SLUICE_E_JSON_OUT_OF_RANGE', 'score');
  assertError(`{${base},"score":"nan"}`, 'SLUICE_E_JSON_WRONG_TYPE', 'score');
});

test('binary: standard padded base64 out; standard or URL-safe, padded or not, in', () => {
  for (const input of ['"+/8="', '"-_8"', '"+/8"', '"-_8="']) {
    assert.match(roundTrip(`{${base},"blob":${input}}`), /"blob":"\+\/8="/, input);
  }
  assert.match(roundTrip(`{${base},"blob":""}`), /"blob":""/);
  assertError(`{${base},"blob":"a"}`, 'SLUICE_E_JSON_BAD_VALUE', 'blob');
  assertError(`{${base},"blob":"ab c"}`, 'SLUICE_E_JSON_BAD_VALUE', 'blob');
  assertError(`{${base},"blob":"ab=c"}`, 'SLUICE_E_JSON_BAD_VALUE', 'blob');
  assertError(`{${base},"blob":7}`, 'SLUICE_E_JSON_WRONG_TYPE', 'blob');
});

test('enums: number or name in; number out, name under enums: name, unknown numbers kept as numbers', () => {
  assert.match(roundTrip(`{${base},"color":"GREEN"}`), /"color":2/);
  assert.match(roundTrip(`{${base},"color":2}`, { enums: 'name' }), /"color":"GREEN"/);
  assert.match(roundTrip(`{${base},"color":"2"}`, { enums: 'name' }), /"color":"GREEN"/);
  assert.match(roundTrip(`{${base},"color":99}`, { enums: 'name' }), /"color":99/);
  assertError(`{${base},"color":"BLUE"}`, 'SLUICE_E_JSON_BAD_VALUE', 'color');
  assertError(`{${base},"color":true}`, 'SLUICE_E_JSON_WRONG_TYPE', 'color');
});

test('map keys are strings: integers, i64, bools, doubles and enums by the value rule', () => {
  const out = roundTrip(`{${base},"attrs":{"color":1,"a b":2},"byId":{"9223372036854775807":"RED","-1":2},"bm":{"true":1.5,"false":"NaN"},"dm":{"-0.0":"z","NaN":"n","0.5":"h"},"cm":{"RED":1,"2":2}}`, { enums: 'name' });
  assert.match(out, /"attrs":\{"color":1,"a b":2\}/);
  assert.match(out, /"byId":\{"9223372036854775807":"RED","-1":"GREEN"\}/);
  assert.match(out, /"bm":\{"true":1.5,"false":"NaN"\}/);
  assert.match(out, /"dm":\{"-0.0":"z","NaN":"n","0.5":"h"\}/);
  assert.match(out, /"cm":\{"RED":1,"GREEN":2\}/);
  assert.match(roundTrip(`{${base},"cm":{"RED":1}}`), /"cm":\{"1":1\}/);
  assertError(`{${base},"byId":{"x":1}}`, 'SLUICE_E_JSON_WRONG_TYPE', 'byId.x');
  assertError(`{${base},"bm":{"yes":1}}`, 'SLUICE_E_JSON_BAD_VALUE', 'bm.yes');
});

test('unions take exactly one key; zero or two name the union', () => {
  assert.match(roundTrip(`{${base},"choice":{"n":"-5"}}`), /"choice":\{"n":-5\}/);
  assert.match(roundTrip(`{${base},"choice":{"s":null,"inner":{}}}`), /"choice":\{"inner":\{"a":5\}\}/);
  assertError(`{${base},"choice":{"s":"a","n":1}}`, 'SLUICE_E_JSON_UNION_ARITY', 'choice');
  assertError(`{${base},"choice":{}}`, 'SLUICE_E_JSON_UNION_ARITY', 'choice');
});

test('api.body renames the JSON key in and out, and a missing required field names the key to send', () => {
  assert.match(roundTrip(`{${base},"mail":"a@b"}`), /"mail":"a@b"/);
  assert.doesNotMatch(roundTrip(`{${base},"email":"a@b"}`), /mail/);
  assertError('{"mail":"a@b"}', 'SLUICE_E_JSON_MISSING_REQUIRED', 'name');
  assertError(`{${base},"items":[{"id":"a"},{"id":"b","kids":{"x":{"id":"c"},"color":{}}}]}`, 'SLUICE_E_JSON_MISSING_REQUIRED', 'items[1].kids.color.id');
  assertError(`{${base},"next":{"mail":"x"}}`, 'SLUICE_E_JSON_MISSING_REQUIRED', 'next.name');
});

test('IDL defaults fill absent fields at every nesting level; null counts as absent; unset optionals are omitted', () => {
  assert.equal(roundTrip(`{${base}}`), '{"name":"ann","count":7,"inner2":{"a":5,"b":"x"}}');
  assert.equal(roundTrip(`{${base},"count":null,"inner":{},"next":{"name":"bo","inner2":{"a":1}}}`),
    '{"name":"ann","inner":{"a":5},"count":7,"inner2":{"a":5,"b":"x"},"next":{"name":"bo","count":7,"inner2":{"a":1}}}');
});

test('wrong JSON types name the value as the client sent it', () => {
  assertError(`{${base},"tags":"x"}`, 'SLUICE_E_JSON_WRONG_TYPE', 'tags');
  assertError(`{${base},"tags":["a","b",3]}`, 'SLUICE_E_JSON_WRONG_TYPE', 'tags[2]');
  assertError(`{${base},"tags":["a",null]}`, 'SLUICE_E_JSON_WRONG_TYPE', 'tags[1]');
  assertError(`{${base},"attrs":{"color":"red"}}`, 'SLUICE_E_JSON_WRONG_TYPE', 'attrs.color');
  assertError(`{${base},"attrs":{"a b":"red"}}`, 'SLUICE_E_JSON_WRONG_TYPE', 'attrs["a b"]');
  assertError(`{${base},"inner":[]}`, 'SLUICE_E_JSON_WRONG_TYPE', 'inner');
  assertError(`{${base},"flags":[true,1]}`, 'SLUICE_E_JSON_WRONG_TYPE', 'flags[1]');
  assertError(`{${base},"uid":"nope"}`, 'SLUICE_E_JSON_BAD_VALUE', 'uid');
  assertError('[]', 'SLUICE_E_JSON_WRONG_TYPE', undefined);
  assertError('{"name":"a",', 'SLUICE_E_JSON_MALFORMED', undefined);
});

test('unknown keys are ignored by default and rejected with their path under unknownFields: reject', () => {
  assert.equal(roundTrip(`{${base},"zzz":{"deep":[1]}}`), roundTrip(`{${base}}`));
  assertError(`{${base},"zzz":1}`, 'SLUICE_E_JSON_UNKNOWN_FIELD', 'zzz', { unknownFields: 'reject' });
  assertError(`{${base},"inner":{"q":1}}`, 'SLUICE_E_JSON_UNKNOWN_FIELD', 'inner.q', { unknownFields: 'reject' });
  assertError(`{${base},"email":"x"}`, 'SLUICE_E_JSON_UNKNOWN_FIELD', 'email', { unknownFields: 'reject' });
});

test('strings, uuids, sets of bools and 4-byte UTF-8 survive both protocols', () => {
  const out = roundTrip(`{${base},"tags":["","😀","\\u0000\\n\\""],"uid":"{0123ABCD-0000-4000-8000-00000000000F}","flags":[true,false]}`);
  assert.match(out, /"tags":\["","😀","\\u0000\\n\\""\]/);
  assert.match(out, /"uid":"0123abcd-0000-4000-8000-00000000000f"/);
  assert.match(out, /"flags":\[true,false\]/);
});

test('jsonToThrift writes fields in id order, byte-identical to the Apache vector for Item', () => {
  const schema = schemaOf([struct('Item', [
    field(5, 'score', T.double), field(1, 'name', T.string), field(4, 'ok', T.bool), field(2, 'id', T.i64),
  ])]);
  const json = '{"ok":true,"score":1.0,"name":"hé","id":9223372036854775807}';
  const bw = new BinaryWriter(); jsonToThrift(schema, T.struct('Item'), json, bw);
  const cw = new CompactWriter(); jsonToThrift(schema, T.struct('Item'), json, cw);
  assert.equal(Buffer.from(bw.finish()).toString('hex'), '0b000100000003' + '68c3a9' + '0a00027fffffffffffffff' + '02000401' + '0400053ff0000000000000' + '00');
  assert.equal(Buffer.from(cw.finish()).toString('hex'), '18 03 68 c3 a9 16 fe ff ff ff ff ff ff ff ff 01 21 17 00 00 00 00 00 00 f0 3f 00'.replace(/ /g, ''));
});

test('valueToThrift takes plain JS values: numbers, bigints, Uint8Array, ordinary objects', () => {
  const w = new BinaryWriter();
  valueToThrift(people, Person, { name: 'a', big: 5n, count: 3, blob: new Uint8Array([1, 2]), toString: 'ignored' } as never, w);
  assert.match(thriftToJson(people, Person, new BinaryReader(w.finish())), /"count":3,.*"blob":"AQI=".*"big":5/);
});

test('thriftToJson skips unknown and wrong-typed fields and rejects missing required fields and empty unions', () => {
  const w = new BinaryWriter();
  w.writeStructBegin();
  w.writeFieldBegin(11, 1); w.writeString('ann');
  w.writeFieldBegin(8, 99); w.writeI32(1);
  w.writeFieldBegin(11, 7); w.writeString('not an i32');
  w.writeFieldBegin(12, 12); w.writeStructBegin(); w.writeFieldStop(); w.writeStructEnd();
  w.writeFieldStop(); w.writeStructEnd();
  const bytes = w.finish().slice();
  const err = (() => { try { thriftToJson(people, Person, new BinaryReader(bytes)); } catch (e) { return e as SluiceError; } return undefined; })();
  assert.equal(err?.code, 'SLUICE_E_JSON_DECODE_UNION_ARITY');
  assert.equal(err?.field, 'choice');
  const noName = new BinaryWriter(); noName.writeStructBegin(); noName.writeFieldStop(); noName.writeStructEnd();
  assert.throws(() => thriftToJson(people, Person, new BinaryReader(noName.finish())), { code: 'SLUICE_E_JSON_DECODE_MISSING_REQUIRED', field: 'name' });
  const ok = bytes.slice(0, bytes.length - 4);
  ok[ok.length - 1] = 0;
  assert.equal(thriftToJson(people, Person, new BinaryReader(ok)), '{"name":"ann","count":7,"inner2":{"a":5,"b":"x"}}');
});

test('nesting deeper than 64 levels is rejected on the way in and on the way out', () => {
  const deep = (n: number) => `{${base},"next":`.repeat(n) + `{${base}}` + '}'.repeat(n);
  roundTrip(deep(62));
  assert.equal(fails(deep(64)).code, 'SLUICE_E_JSON_TOO_DEEP');
  const w = new BinaryWriter();
  for (let i = 0; i < 70; i++) { w.writeFieldBegin(11, 1); w.writeString('a'); w.writeFieldBegin(12, 24); }
  assert.throws(() => thriftToJson(people, Person, new BinaryReader(w.finish())), { code: 'SLUICE_E_THRIFT_DEPTH_EXCEEDED' });
});

test('truncated Thrift input gives a typed error, never a crash', () => {
  const full = encode(`{${base},"tags":["a","b"],"attrs":{"k":1},"score":1.5,"choice":{"s":"x"}}`, {}, Person, protocols[1]);
  for (let cut = 0; cut < full.length; cut++) {
    assert.throws(() => thriftToJson(people, Person, new CompactReader(full.subarray(0, cut))), { code: 'SLUICE_E_THRIFT_TRUNCATED' });
  }
});

test('thriftToJson: a repeated field keeps the last value; a union with two members set is rejected', () => {
  const w = new BinaryWriter();
  w.writeStructBegin();
  w.writeFieldBegin(11, 1); w.writeString('first');
  w.writeFieldBegin(11, 1); w.writeString('last');
  w.writeFieldBegin(12, 12); w.writeStructBegin();
  w.writeFieldBegin(11, 1); w.writeString('s'); w.writeFieldBegin(10, 2); w.writeI64(1n);
  w.writeFieldStop(); w.writeStructEnd();
  w.writeFieldStop(); w.writeStructEnd();
  const bytes = w.finish().slice();
  assert.throws(() => thriftToJson(people, Person, new BinaryReader(bytes)), { code: 'SLUICE_E_JSON_DECODE_UNION_ARITY', field: 'choice' });
  const noUnion = new BinaryWriter();
  noUnion.writeFieldBegin(11, 1); noUnion.writeString('first');
  noUnion.writeFieldBegin(11, 1); noUnion.writeString('last');
  noUnion.writeFieldStop();
  assert.match(thriftToJson(people, Person, new BinaryReader(noUnion.finish())), /^\{"name":"last",/);
});
