/**
 * Contract §5 value rules through real sockets, checked on both sides: what the Python backend received and what
 * the client got back from Echo (which returns its argument). Default JSON mode on all three upstream dialects,
 * then `json.i64: string`, `json.enums: name`, `json.unknown_fields: reject`. Both io backends.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, envelope, type Plain, type Reply } from './harness';
import { useSuite, type Suite } from './suite';

const BIG = 9007199254740993n;
const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;
/** What Echo adds to every request struct: the IDL defaults of with_default and num_default. */
const DEFAULTS = { with_default: 'dflt', num_default: 42 };

async function echo(s: Suite, prefix: string, body: string): Promise<Reply> {
  const r = await s.call('POST', `${prefix}/echo`, { body, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 200, `${body} → ${r.text}`);
  return r;
}

const upstreamOf = { '/v1': 'fb', '/bc': 'bc', '/hc': 'hc' } as const;
function seen(s: Suite, prefix: keyof typeof upstreamOf): Plain {
  const rec = s[upstreamOf[prefix]].last();
  assert.equal(rec.fn, 'Echo');
  return rec.args.value!;
}

for (const io of BACKENDS) {
  describe(`JSON value rules (contract §5), default json options, on ${io}`, () => {
    const s = useSuite(io);

    for (const prefix of ['/v1', '/bc', '/hc'] as const) {
      test(`i64 beyond 2^53 is exact both ways; js_conv fields answer strings (${upstreamOf[prefix]})`, async () => {
        const r = await echo(s, prefix, '{"i64v":9007199254740993,"i64js":9007199254740993,"longs":[9223372036854775807,-9223372036854775808,9007199254740993],"by_long":{"9007199254740993":"x","-9223372036854775808":"m"}}');
        assert.deepEqual(seen(s, prefix), { i64v: BIG, i64js: BIG, longs: [I64_MAX, I64_MIN, BIG], by_long: { $map: [[I64_MIN, 'm'], [BIG, 'x']] }, ...DEFAULTS });
        assert.match(r.text, /"i64v":9007199254740993[,}]/);
        assert.match(r.text, /"i64js":"9007199254740993"/);
        assert.match(r.text, /"longs":\[9223372036854775807,-9223372036854775808,9007199254740993\]/);
        assert.deepEqual(r.json, { i64v: BIG, i64js: '9007199254740993', longs: [I64_MAX, I64_MIN, BIG], by_long: { '9007199254740993': 'x', '-9223372036854775808': 'm' }, ...DEFAULTS });
      });

      test(`doubles: -0.0 keeps its sign, NaN and ±Infinity travel as strings, extremes round-trip (${upstreamOf[prefix]})`, async () => {
        const r = await echo(s, prefix, '{"dbl":-0.0,"dbls":[1.5,"NaN","Infinity","-Infinity",-0.0,0.1,1e308,5e-324,-1.7976931348623157e308]}');
        const want = { dbl: -0, dbls: [1.5, 'NaN', 'Infinity', '-Infinity', -0, 0.1, 1e308, 5e-324, -1.7976931348623157e308], ...DEFAULTS };
        const got = seen(s, prefix) as { dbl: number; dbls: Plain[] };
        assert.deepEqual(got, want);
        assert.ok(Object.is(got.dbl, -0) && Object.is(got.dbls[4], -0), 'backend saw -0.0');
        const back = r.json as { dbl: number; dbls: Plain[] };
        assert.deepEqual(back, want);
        assert.ok(Object.is(back.dbl, -0) && Object.is(back.dbls[4], -0), `answer keeps -0.0: ${r.text}`);
      });

      test(`maps with i32, enum, bool and i64 keys, unions, nested containers and IDL defaults at every level (${upstreamOf[prefix]})`, async () => {
        const r = await echo(s, prefix, JSON.stringify({
          by_id: { 1: 'a', '-5': 'b' },
          by_color: { 2: [{ a: 1 }], BLUE: [{ a: 2, b: 'x' }] },
          by_flag: { true: 1.5, false: 'NaN' },
          choice: { inner: { a: 3 } },
          nested: [[{ k: { a: 4 } }], []],
          inner: { a: 5, c: 6 },
        }));
        assert.deepEqual(seen(s, prefix), {
          by_id: { $map: [[-5, 'b'], [1, 'a']] },
          by_color: { $map: [[2, [{ a: 1, c: 5 }]], [3, [{ a: 2, b: 'x', c: 5 }]]] },
          by_flag: { $map: [[false, 'NaN'], [true, 1.5]] },
          choice: { inner: { a: 3, c: 5 } },
          nested: [[{ $map: [['k', { a: 4, c: 5 }]] }], []],
          inner: { a: 5, c: 6 },
          ...DEFAULTS,
        });
        assert.deepEqual(r.json, {
          by_id: { 1: 'a', '-5': 'b' },
          by_color: { 2: [{ a: 1, c: 5 }], 3: [{ a: 2, b: 'x', c: 5 }] },
          by_flag: { true: 1.5, false: 'NaN' },
          choice: { inner: { a: 3, c: 5 } },
          nested: [[{ k: { a: 4, c: 5 } }], []],
          inner: { a: 5, c: 6 },
          ...DEFAULTS,
        });
      });
    }

    test('binary accepts base64 and base64url, padded or not, and answers standard padded base64', async () => {
      for (const b64 of ['+/+/AQ==', '+/+/AQ', '-_-_AQ==', '-_-_AQ']) {
        const r = await echo(s, '/v1', JSON.stringify({ bin: b64 }));
        assert.deepEqual(seen(s, '/v1'), { bin: { $bytes: 'fbffbf01' }, ...DEFAULTS }, b64);
        assert.deepEqual(r.json, { bin: '+/+/AQ==', ...DEFAULTS });
      }
      await echo(s, '/v1', '{"bin":""}');
      assert.deepEqual(seen(s, '/v1'), { bin: { $bytes: '' }, ...DEFAULTS });
    });

    test('enums are accepted by number and by name and answered as numbers by default', async () => {
      for (const color of [2, 'GREEN', '2']) {
        const r = await echo(s, '/v1', JSON.stringify({ color }));
        assert.deepEqual(seen(s, '/v1'), { color: 2, ...DEFAULTS }, String(color));
        assert.deepEqual(r.json, { color: 2, ...DEFAULTS });
      }
    });

    test('an enum number the IDL does not know, coming from the backend, is kept', async () => {
      const r = await s.call('GET', '/v1/items/99');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { item: { id: '99', title: 'item 99', state: 99, raw_id: 99 } });
    });

    test('integers: boundaries of i8/i16/i32/i64 are accepted, as numbers or decimal strings', async () => {
      let r = await echo(s, '/v1', '{"b8":-128,"i16v":32767,"i32v":-2147483648,"i64v":-9223372036854775808}');
      assert.deepEqual(seen(s, '/v1'), { b8: -128, i16v: 32767, i32v: -2147483648, i64v: I64_MIN, ...DEFAULTS });
      assert.deepEqual(r.json, { b8: -128, i16v: 32767, i32v: -2147483648, i64v: I64_MIN, ...DEFAULTS });
      r = await echo(s, '/v1', '{"b8":"127","i16v":"-32768","i32v":"2147483647","i64v":"9007199254740993","i64js":"-9007199254740993"}');
      assert.deepEqual(seen(s, '/v1'), { b8: 127, i16v: -32768, i32v: 2147483647, i64v: BIG, i64js: -BIG, ...DEFAULTS });
      assert.deepEqual(r.json, { b8: 127, i16v: -32768, i32v: 2147483647, i64v: BIG, i64js: '-9007199254740993', ...DEFAULTS });
    });

    test('strings carry escapes and non-ASCII text unchanged; bools and sets map to JSON', async () => {
      const str = '\b\t\n/\\\r{}:パイソン"😀\u0000';
      const r = await echo(s, '/v1', JSON.stringify({ str, flag: false, names: ['b', 'a'] }));
      assert.deepEqual(seen(s, '/v1'), { str, flag: false, names: ['a', 'b'], ...DEFAULTS });
      const back = r.json as { str: string; flag: boolean; names: string[] };
      assert.equal(back.str, str);
      assert.equal(back.flag, false);
      assert.deepEqual([...back.names].sort(), ['a', 'b']);
    });

    test('IDL defaults fill absent fields; a present value wins; unset optionals are omitted from the answer', async () => {
      let r = await echo(s, '/v1', '{}');
      assert.deepEqual(seen(s, '/v1'), DEFAULTS);
      assert.deepEqual(r.json, DEFAULTS);
      r = await echo(s, '/v1', '{"with_default":"mine","num_default":0}');
      assert.deepEqual(seen(s, '/v1'), { with_default: 'mine', num_default: 0 });
      assert.deepEqual(r.json, { with_default: 'mine', num_default: 0 });
    });

    test('api.body renames a field\'s JSON key both ways', async () => {
      const r = await echo(s, '/v1', '{"display_name":"d","renamed":"ignored"}');
      assert.deepEqual(seen(s, '/v1'), { renamed: 'd', ...DEFAULTS });
      assert.deepEqual(r.json, { display_name: 'd', ...DEFAULTS });
    });

    test('unknown JSON keys are ignored under json.unknown_fields: ignore', async () => {
      const r = await echo(s, '/v1', '{"zzz":{"deep":[1,2]},"flag":true,"inner":{"a":1,"yy":2}}');
      assert.deepEqual(seen(s, '/v1'), { flag: true, inner: { a: 1, c: 5 }, ...DEFAULTS });
      assert.deepEqual(r.json, { flag: true, inner: { a: 1, c: 5 }, ...DEFAULTS });
    });
  });

  describe(`JSON value rules with json.i64: string, json.enums: name, json.unknown_fields: reject, on ${io}`, () => {
    const s = useSuite(io, { i64: 'string', enums: 'name', unknown_fields: 'reject' });

    for (const prefix of ['/v1', '/hc'] as const) {
      test(`json.i64: string answers every i64 as a string and still accepts numbers (${upstreamOf[prefix]})`, async () => {
        const r = await echo(s, prefix, '{"i64v":9007199254740993,"i64js":"5","longs":[1,"-9223372036854775808"],"i32v":7}');
        assert.deepEqual(seen(s, prefix), { i64v: BIG, i64js: 5, longs: [1, I64_MIN], i32v: 7, ...DEFAULTS });
        assert.deepEqual(r.json, { i64v: '9007199254740993', i64js: '5', longs: ['1', '-9223372036854775808'], i32v: 7, ...DEFAULTS });
      });

      test(`json.enums: name answers enum names, also as map keys, and still accepts numbers (${upstreamOf[prefix]})`, async () => {
        const r = await echo(s, prefix, '{"color":3,"by_color":{"1":[{"a":1}],"GREEN":[]}}');
        assert.deepEqual(seen(s, prefix), { color: 3, by_color: { $map: [[1, [{ a: 1, c: 5 }]], [2, []]] }, ...DEFAULTS });
        assert.deepEqual(r.json, { color: 'BLUE', by_color: { RED: [{ a: 1, c: 5 }], GREEN: [] }, ...DEFAULTS });
      });
    }

    test('the worked example under json.enums: name and json.i64: string: "state":"ACTIVE", ids as strings; an unknown enum number stays a number', async () => {
      let r = await s.call('GET', '/v1/items/9007199254740993');
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json, { item: { id: '9007199254740993', title: 'x', state: 'ACTIVE', raw_id: '9007199254740993' } });
      r = await s.call('GET', '/v1/items/99');
      assert.deepEqual(r.json, { item: { id: '99', title: 'item 99', state: 99, raw_id: '99' } });
    });

    test('json.unknown_fields: reject answers 400 naming the unknown key, at the top level and nested', async () => {
      const before = s.fb.records().length;
      for (const [body, field] of [['{"zzz":1}', 'zzz'], ['{"inner":{"a":1,"yy":2}}', 'inner.yy'], ['{"nested":[[{"k":{"a":1,"q":0}}]]}', 'nested[0][0].k.q']] as const) {
        const r = await s.call('POST', '/v1/echo', { body });
        assert.equal(r.status, 400, `${body}: ${r.text}`);
        assert.deepEqual({ code: envelope(r).code, field: envelope(r).field }, { code: 'bad_request', field }, body);
      }
      assert.equal(s.fb.records().length, before, 'rejected requests never reach the backend');
    });
  });
}
