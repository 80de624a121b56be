/**
 * The plan compiler (src/plan): blob header and options, type/enum/struct tables with JSON keys, api.* flags
 * and defaults as JSON, the function section (message name, shape, bindings, result struct), and its errors.
 * The blob is read back with a reader written from docs/design/transcoder.md, independent of src/plan.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadIdl } from '../../../src/idl';
import type { Schema } from '../../../src/idl/model';
import { compilePlan, compileTypePlan } from '../../../src/plan';
import type { ThriftTarget } from '../../../src/routes/types';
import { readPlan, type Plan, type Struct } from './read-plan';

const FIXTURES = join(__dirname, '../../e2e/transcode/fixtures');
const schemaOf = (f: string): Schema => loadIdl([join(FIXTURES, f)]).schema!;
const inventory = schemaOf('inventory.thrift');
const allTypes = schemaOf('all-types.thrift');

const struct = (plan: Plan, qname: string) => plan.structs.find((s) => s.qname === qname)!;
const field = (s: Struct, name: string) => s.fields.find((f) => f.name === name)!;

const getItem: ThriftTarget = {
  kind: 'thrift', service: 'inventory.InventoryService', function: 'GetItem', upstream: 'inv', multiplexedName: undefined,
  requestShape: 'struct',
  bindings: [
    { fieldId: 1, fieldName: 'item_id', sources: [{ from: 'path', name: 'item_id' }] },
    { fieldId: 3, fieldName: 'fields', sources: [{ from: 'query', name: 'fields' }, { from: 'header', name: 'X-Fields' }] },
    { fieldId: 6, fieldName: 'uri', sources: [{ from: 'raw_uri' }] },
  ],
};

describe('plan compiler', () => {
  test('the header carries magic, version and the protocol, transport and json options', () => {
    assert.deepEqual(
      (({ magic, version, protocol, transport, flags }) => ({ magic, version, protocol, transport, flags }))(readPlan(compileTypePlan(inventory, 'inventory.Item'))),
      { magic: 'SLPL', version: 2, protocol: 0, transport: 0, flags: 0 },
    );
    const p = readPlan(compileTypePlan(inventory, 'inventory.Item', { protocol: 'compact', transport: 'header', i64: 'string', enums: 'name', unknownFields: 'reject' }));
    assert.deepEqual([p.protocol, p.transport, p.flags], [1, 2, 7]);
    assert.equal(readPlan(compileTypePlan(inventory, 'inventory.Item', { transport: 'buffered' })).transport, 1);
  });

  test('a type plan has the root type, every reachable type once, and enum members', () => {
    const p = readPlan(compileTypePlan(inventory, 'inventory.Item'));
    assert.deepEqual(p.types[p.root], { kind: 14, a: 0, b: 0, policy: 0 });
    assert.equal(p.fn, undefined);
    const item = struct(p, 'inventory.Item');
    assert.deepEqual(item.fields.map((f) => [f.id, f.name, p.types[f.type]!.kind]), [[1, 'id', 5], [2, 'title', 7], [3, 'state', 10], [4, 'tags', 11], [5, 'thumb', 8]]);
    const kinds = p.types.map((t) => JSON.stringify(t));
    assert.equal(new Set(kinds).size, kinds.length, 'types are interned');
    assert.deepEqual(p.enums, [{ qname: 'inventory.ItemState', members: [[0, 'DRAFT'], [1, 'ACTIVE'], [2, 'RETIRED']] }]);
  });

  test('api.* annotations become JSON keys, header names and flags; exception api.http_code becomes httpCode', () => {
    const p = readPlan(compilePlan(inventory, getItem));
    const resp = struct(p, 'inventory.ItemResp');
    assert.deepEqual(field(resp, 'item').jsonKey, 'item');
    assert.equal(field(resp, 'status').flags, 8);
    assert.deepEqual([field(resp, 'etag').flags, field(resp, 'etag').header], [4, 'ETag']);
    assert.equal(field(resp, 'note').flags, 2);
    assert.equal(field(struct(p, 'inventory.Item'), 'id').flags, 1);
    assert.equal(field(struct(p, 'inventory.NotFound'), 'code').flags, 8);
    const leaf = struct(readPlan(compileTypePlan(allTypes, 'all-types.Leaf')), 'all-types.Leaf');
    assert.equal(field(leaf, 'renamed').jsonKey, 'other-name');
  });

  test('IDL defaults travel as §5 JSON: exact i64, -0.0, base64 binary, enum numbers, nested struct literals by JSON key', () => {
    const p = readPlan(compileTypePlan(allTypes, 'all-types.Containers'));
    const leaf = struct(p, 'all-types.Leaf');
    assert.deepEqual(
      ['b', 'i8v', 'i64v', 'd', 's', 'bin', 'color', 'special', 'i32v'].map((n) => field(leaf, n).def),
      ['true', '-7', '9007199254740993', '"-0.0"', '"dé\\"fault"', '"cmF3"', '-3', '1e+300', undefined],
    );
    const c = struct(p, 'all-types.Containers');
    assert.equal(field(c, 'leaves').def, '[{"i32v":1},{"s":"x","color":1}]');
    assert.equal(field(c, 'counts').def, '{"a":1,"b":-9223372036854775808}');
    const required = struct(readPlan(compileTypePlan(allTypes, 'all-types.Required')), 'all-types.Required');
    assert.deepEqual([field(required, 'must').def, field(required, 'must').req, field(required, 'alsoMust').def], [undefined, 1, '"given"']);
  });

  test('a route plan names the message, the request struct and argument id, the bindings and the result struct', () => {
    const p = readPlan(compilePlan(inventory, getItem));
    const fn = p.fn!;
    assert.deepEqual([fn.name, fn.oneway, fn.shape, fn.argId, fn.void], ['GetItem', 0, 0, 1, 0]);
    assert.equal(p.structs[fn.request]!.qname, 'inventory.GetItemReq');
    assert.equal(p.structs[fn.args]!.qname, 'inventory.InventoryService:GetItem_args');
    const req = p.structs[fn.request]!;
    assert.deepEqual(fn.bindings.map((b) => [req.fields[b.field]!.name, b.sources]), [
      ['item_id', [[0, 'item_id']]], ['fields', [[1, 'fields'], [2, 'X-Fields']]], ['uri', [[6, '']]],
    ]);
    const result = p.structs[fn.result]!;
    assert.deepEqual(result.fields.map((f) => [f.id, f.name, p.structs[p.types[f.type]!.a]!.qname]), [
      [0, 'success', 'inventory.ItemResp'], [1, 'nf', 'inventory.NotFound'],
    ]);
  });

  test('multiplexed names prefix the message; void functions have no success field; args-shaped routes bind arguments', () => {
    const del = readPlan(compilePlan(inventory, { ...getItem, function: 'DeleteItem', multiplexedName: 'Inv', bindings: [] }));
    assert.equal(del.fn!.name, 'Inv:DeleteItem');
    assert.equal(del.fn!.void, 1);
    assert.deepEqual(del.structs[del.fn!.result]!.fields, []);
    const args = readPlan(compilePlan(inventory, { ...getItem, requestShape: 'args', bindings: [{ fieldId: 1, fieldName: 'req', sources: [{ from: 'body', name: 'req' }] }] }));
    assert.equal(args.fn!.shape, 1);
    assert.equal(args.fn!.request, args.fn!.args);
    assert.deepEqual(args.fn!.bindings, [{ field: 0, sources: [[4, 'req']] }]);
  });

  test('unknown functions, unknown bound fields and unknown types are SLUICE_E_PLAN_COMPILE errors', () => {
    assert.throws(() => compilePlan(inventory, { ...getItem, function: 'Nope' }), { code: 'SLUICE_E_PLAN_COMPILE' });
    assert.throws(() => compilePlan(inventory, { ...getItem, bindings: [{ fieldId: 99, fieldName: 'x', sources: [] }] }), { code: 'SLUICE_E_PLAN_COMPILE' });
    assert.throws(() => compileTypePlan(inventory, 'inventory.Nope'), { code: 'SLUICE_E_PLAN_COMPILE' });
    assert.throws(() => compileTypePlan(inventory, 'inventory.InventoryService'), { code: 'SLUICE_E_PLAN_COMPILE' });
  });
});
