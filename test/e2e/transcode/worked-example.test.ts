/**
 * Every row of http-mapping.md §5's worked example, through the real route compiler, the plan compiler and the
 * native transcoder (encodeCall / decodeReply): request binding and response mapping, in both protocols and
 * all three transports. Thrift bytes are produced and checked with the TypeScript reference codecs.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfigText } from '../../../src/config/load';
import type { Schema } from '../../../src/idl/model';
import { parseJson, thriftToJson, jsonToThrift, JsonNumber } from '../../../src/json';
import type { JsonObject, JsonValue } from '../../../src/json';
import { loadAddon } from '../../../src/native/addon';
import { compilePlan, compileTypePlan } from '../../../src/plan';
import { loadIdl } from '../../../src/idl';
import type { PlanOptions } from '../../../src/plan';
import { compileGatewayConfig, matchRoute } from '../../../src/routes';
import type { RouteTable, ThriftTarget } from '../../../src/routes';
import { BinaryReader, BinaryWriter, CompactReader, CompactWriter, MessageType, TType } from '../../../src/thrift/protocol';
import type { ProtocolWriter } from '../../../src/thrift/protocol';

interface Native {
  loadPlan(blob: Uint8Array): unknown;
  encodeCall(plan: unknown, req: object, seqid: number): Uint8Array;
  decodeReply(plan: unknown, message: Uint8Array): { status: number; headers: Array<[string, string]>; body: string; errorCode: string };
  findMessageEnd(transport: string, protocol: string, bytes: Uint8Array): { status: string; frameLength: number; payloadOffset: number; payloadLength: number };
}
const native = (loadAddon() as unknown as { transcode: Native }).transcode;
const IDL = join(__dirname, 'fixtures/inventory.thrift');

function gateway(): { schema: Schema; table: RouteTable } {
  const yaml = `idl: [${IDL}]\nupstreams:\n  inv: { endpoints: ['127.0.0.1:9'] }\nservices:\n  - { service: inventory.InventoryService, upstream: inv }\n`;
  const { config, problems } = loadConfigText(yaml, join(__dirname, 'fixtures/sluice.yaml'));
  assert.ok(config, JSON.stringify(problems));
  const r = compileGatewayConfig(config);
  assert.ok(r.schema, JSON.stringify(r.problems));
  return { schema: r.schema, table: r.table };
}
const { schema, table } = gateway();

interface Req { method: string; target: string; headers?: Array<[string, string]>; body?: string }

/** Routes the request, encodes the call natively and decodes its argument struct with the reference codec. */
function call(req: Req, opts: PlanOptions = {}): { fn: string; args: JsonObject } {
  const m = matchRoute(table, req.method, req.target);
  assert.equal(m.kind, 'found', `${req.method} ${req.target} routes`);
  if (m.kind !== 'found') throw new Error('unreachable');
  const target = m.route.target as ThriftTarget;
  const plan = native.loadPlan(compilePlan(schema, target, opts));
  const q = req.target.indexOf('?');
  const frame = native.encodeCall(plan, {
    method: req.method, pathParams: m.params, query: q < 0 ? '' : req.target.slice(q + 1),
    headers: req.headers ?? [], body: req.body ?? '', target: req.target,
  }, 77);
  const scan = native.findMessageEnd(opts.transport ?? 'framed', opts.protocol ?? 'binary', frame);
  assert.equal(scan.status, 'complete');
  assert.equal(scan.frameLength, frame.length);
  const payload = frame.subarray(scan.payloadOffset, scan.payloadOffset + scan.payloadLength);
  const r = opts.protocol === 'compact' ? new CompactReader(payload) : new BinaryReader(payload);
  const h = r.readMessageBegin();
  assert.equal(h.seqid, 77);
  assert.equal(h.type, MessageType.CALL);
  r.readStructBegin();
  assert.equal(r.readFieldBegin(), TType.STRUCT);
  const argType = h.name === 'CreateItem' ? 'inventory.CreateItemReq' : 'inventory.GetItemReq';
  const args = parseJson(thriftToJson(schema, { kind: 'struct', name: argType }, r)) as JsonObject;
  return { fn: h.name, args };
}

/** The 400 a request gets: {status, errorCode, field}. */
function reject(req: Req): { status: number; errorCode: string; field: string | undefined } {
  try {
    call(req);
  } catch (e) {
    const err = e as { status: number; errorCode: string; field?: string; code: string };
    assert.equal(err.code, 'SLUICE_E_NATIVE_TRANSCODE');
    return { status: err.status, errorCode: err.errorCode, field: err.field };
  }
  assert.fail('request was accepted');
}

const num = (v: JsonValue | undefined) => (v instanceof JsonNumber ? v.text : v);

const TRANSPORTS = [
  { protocol: 'binary', transport: 'framed' }, { protocol: 'compact', transport: 'framed' },
  { protocol: 'binary', transport: 'buffered' }, { protocol: 'compact', transport: 'header' },
] as const;

describe('http-mapping §5 worked example: request binding', () => {
  for (const opts of TRANSPORTS) {
    test(`GET /v1/items/9007199254740993 binds path (exact i64), query, header, cookie and raw URI (${opts.protocol}/${opts.transport})`, () => {
      const target = '/v1/items/9007199254740993?lang=de&fields=1,2,3';
      const { fn, args } = call({ method: 'GET', target, headers: [['X-Trace-Id', 't1'], ['Cookie', 'a=b; sid=abc']] }, opts);
      assert.equal(fn, 'GetItem');
      assert.equal(num(args.item_id), '9007199254740993');
      assert.equal(args.locale, 'de');
      assert.deepEqual((args.fields as JsonValue[]).map(num), ['1', '2', '3']);
      assert.equal(args.trace_id, 't1');
      assert.equal(args.session, 'abc');
      assert.equal(args.uri, target);
    });
  }

  test('repeated query parameters ?fields=1&fields=2&fields=3 give the same list as the comma form', () => {
    const { args } = call({ method: 'GET', target: '/v1/items/5?fields=1&fields=2&fields=3' });
    assert.deepEqual((args.fields as JsonValue[]).map(num), ['1', '2', '3']);
  });

  test('GET /v1/items/abc is 400 bad_request naming path:item_id', () => {
    assert.deepEqual(reject({ method: 'GET', target: '/v1/items/abc' }), { status: 400, errorCode: 'bad_request', field: 'path:item_id' });
  });

  test('GET /v1/items/9223372036854775808 is 400 (beyond i64)', () => {
    assert.deepEqual(reject({ method: 'GET', target: '/v1/items/9223372036854775808' }), { status: 400, errorCode: 'bad_request', field: 'path:item_id' });
  });

  test('a bad list element in the query is 400 naming query:fields', () => {
    assert.deepEqual(reject({ method: 'GET', target: '/v1/items/1?fields=1,x' }), { status: 400, errorCode: 'bad_request', field: 'query:fields' });
  });

  test('POST /v1/items {"tags":["a"]} is 400 naming the missing required title', () => {
    assert.deepEqual(reject({ method: 'POST', target: '/v1/items', body: '{"tags":["a"]}' }), { status: 400, errorCode: 'bad_request', field: 'title' });
  });

  test('POST /v1/items takes unannotated title and tags from the body and idem from Idempotency-Key', () => {
    const { fn, args } = call({ method: 'POST', target: '/v1/items', body: '{"title":"x","tags":["a"]}', headers: [['idempotency-key', 'k']] });
    assert.equal(fn, 'CreateItem');
    assert.deepEqual(args, Object.assign(Object.create(null), { title: 'x', tags: ['a'], idem: 'k' }));
  });

  test('a wrong JSON type in the body is 400 naming the JSON path (tags[1])', () => {
    assert.deepEqual(reject({ method: 'POST', target: '/v1/items', body: '{"title":"x","tags":["a",2]}' }), { status: 400, errorCode: 'bad_request', field: 'tags[1]' });
  });

  test('malformed JSON is 400 without a field', () => {
    assert.deepEqual(reject({ method: 'POST', target: '/v1/items', body: '{"title":' }), { status: 400, errorCode: 'bad_request', field: undefined });
  });

  test('PUT /v1/items is 405 with Allow: POST (router)', () => {
    const m = matchRoute(table, 'PUT', '/v1/items');
    assert.deepEqual(m, { kind: 'method_not_allowed', allow: ['POST'] });
  });

  test('GET /v1/items/7/delete and DELETE /v1/items/7 call DeleteItem with item_id 7', () => {
    for (const req of [{ method: 'GET', target: '/v1/items/7/delete' }, { method: 'DELETE', target: '/v1/items/7' }]) {
      const { fn, args } = call(req);
      assert.equal(fn, 'DeleteItem');
      assert.equal(num(args.item_id), '7');
    }
  });
});

/** A reply message for `fn`: field `fieldId` of the result struct holds `json` as `type`. */
function reply(fn: string, fieldId: number, type: string | undefined, json: string, protocol: 'binary' | 'compact'): Uint8Array {
  const w: ProtocolWriter = protocol === 'compact' ? new CompactWriter() : new BinaryWriter();
  w.writeMessageBegin(fn, MessageType.REPLY, 77);
  w.writeStructBegin();
  if (type) {
    w.writeFieldBegin(TType.STRUCT, fieldId);
    jsonToThrift(schema, { kind: 'struct', name: type }, json, w);
    w.writeFieldEnd();
  }
  w.writeFieldStop();
  w.writeStructEnd();
  return w.finish().slice();
}

function respond(fn: string, method: string, target: string, bytes: Uint8Array, opts: PlanOptions = {}) {
  const m = matchRoute(table, method, target);
  if (m.kind !== 'found') throw new Error('no route');
  const plan = native.loadPlan(compilePlan(schema, m.route.target as ThriftTarget, opts));
  return native.decodeReply(plan, bytes);
}

describe('http-mapping §5 worked example: response mapping', () => {
  const resp = '{"item":{"id":9007199254740993,"title":"x","state":1},"status":201,"etag":"\\"v1\\"","note":"n"}';
  for (const protocol of ['binary', 'compact'] as const) {
    test(`ItemResp → 201, ETag header, js_conv id as string, no note (${protocol})`, () => {
      const r = respond('GetItem', 'GET', '/v1/items/1', reply('GetItem', 0, 'inventory.ItemResp', resp, protocol), { protocol });
      assert.equal(r.status, 201);
      assert.deepEqual(r.headers, [['ETag', '"v1"']]);
      assert.equal(r.body, '{"item":{"id":"9007199254740993","title":"x","state":1}}');
      assert.equal(r.errorCode, '');
    });
  }

  test('json.enums: name renders the state as "ACTIVE"', () => {
    const r = respond('GetItem', 'GET', '/v1/items/1', reply('GetItem', 0, 'inventory.ItemResp', resp, 'binary'), { enums: 'name' });
    assert.equal(r.body, '{"item":{"id":"9007199254740993","title":"x","state":"ACTIVE"}}');
  });

  test('declared exception NotFound{message:"gone", code:404} → 404 envelope with code inventory.NotFound', () => {
    const r = respond('GetItem', 'GET', '/v1/items/1', reply('GetItem', 1, 'inventory.NotFound', '{"message":"gone","code":404}', 'binary'));
    assert.equal(r.status, 404);
    assert.equal(r.errorCode, 'inventory.NotFound');
    assert.deepEqual(JSON.parse(r.body), { error: { code: 'inventory.NotFound', message: 'gone', detail: { message: 'gone', code: 404 } } });
  });

  test('TApplicationException{type:1} → 501 upstream_application_error with detail.type 1; other types → 502', () => {
    for (const [type, status] of [[1, 501], [6, 502]] as const) {
      const w = new BinaryWriter();
      w.writeMessageBegin('GetItem', MessageType.EXCEPTION, 77);
      w.writeStructBegin();
      w.writeFieldBegin(TType.STRING, 1); w.writeString('boom'); w.writeFieldEnd();
      w.writeFieldBegin(TType.I32, 2); w.writeI32(type); w.writeFieldEnd();
      w.writeFieldStop(); w.writeStructEnd();
      const r = respond('GetItem', 'GET', '/v1/items/1', w.finish().slice());
      assert.equal(r.status, status);
      assert.deepEqual(JSON.parse(r.body), { error: { code: 'upstream_application_error', message: 'boom', detail: { type } } });
    }
  });

  test('void DeleteItem → 204 with an empty body', () => {
    const r = respond('DeleteItem', 'DELETE', '/v1/items/7', reply('DeleteItem', 0, undefined, '', 'binary'));
    assert.deepEqual([r.status, r.body], [204, '']);
  });

  test('an i64 without api.js_conv comes out as a JSON number with every digit (2^53+1), a string under json.i64: string', () => {
    const leaf = loadIdl([join(__dirname, 'fixtures/all-types.thrift')]).schema!;
    const nat = native as unknown as { jsonToThrift(p: unknown, proto: string, j: string): Uint8Array; thriftToJson(p: unknown, proto: string, b: Uint8Array): string };
    const plain = native.loadPlan(compileTypePlan(leaf, 'all-types.Leaf'));
    const bytes = nat.jsonToThrift(plain, 'binary', '{"i64v":9007199254740993}');
    assert.match(nat.thriftToJson(plain, 'binary', bytes), /"i64v":9007199254740993[,}]/);
    const strings = native.loadPlan(compileTypePlan(leaf, 'all-types.Leaf', { i64: 'string' }));
    assert.match(nat.thriftToJson(strings, 'binary', bytes), /"i64v":"9007199254740993"/);
  });

  test('bytes that do not decode → 502 upstream_error', () => {
    const good = reply('GetItem', 0, 'inventory.ItemResp', resp, 'binary');
    for (const bad of [good.subarray(0, good.length - 3), Uint8Array.from([0x80, 0x01, 0x00, 0x02, 0xff]), new Uint8Array(0)]) {
      const r = respond('GetItem', 'GET', '/v1/items/1', bad);
      assert.equal(r.status, 502);
      assert.equal(JSON.parse(r.body).error.code, 'upstream_error');
    }
  });
});
