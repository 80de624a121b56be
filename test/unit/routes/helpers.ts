/** Test helpers: schemas from IDL text (no disk) and configs from YAML text with positions. */
import * as assert from 'node:assert/strict';
import { loadConfigText } from '../../../src/config/load';
import type { SluiceConfig } from '../../../src/config/types';
import { formatProblem, type ConfigProblem } from '../../../src/config/problems';
import { compileIdlSource } from '../../../src/idl';
import type { Schema } from '../../../src/idl/model';
import { compileRoutes } from '../../../src/routes/compile';
import type { Route, RouteTable } from '../../../src/routes/types';

/** Compiles IDL text as `/idl/<name>.thrift`, with `files` available to include; fails the test on IDL errors. */
export function schemaOf(idl: string, name = 'items', files: Record<string, string> = {}): Schema {
  const r = compileIdlSource(idl, { path: `/idl/${name}.thrift`, files });
  assert.ok(r.schema, `IDL does not compile: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.schema;
}

/** Validates YAML config text as `/cfg/sluice.yaml`; fails the test on config errors. */
export function configOf(yaml: string): SluiceConfig {
  const r = loadConfigText(yaml, '/cfg/sluice.yaml', { env: {} });
  assert.ok(r.config, `config does not load: ${r.problems.map(formatProblem).join('; ')}`);
  return r.config;
}

/** A config exposing `service` through upstream `up`, plus extra YAML appended at the top level. */
export function serviceConfig(service = 'items.InventoryService', extra = ''): SluiceConfig {
  return configOf(`upstreams:\n  up: { endpoints: [127.0.0.1:9090] }\nservices:\n  - service: ${service}\n    upstream: up\n${extra}`);
}

export function compile(schema: Schema, config: SluiceConfig): { table: RouteTable; problems: ConfigProblem[]; errors: ConfigProblem[] } {
  const r = compileRoutes(schema, config);
  return { ...r, errors: r.problems.filter((p) => p.severity === 'error') };
}

/** The route with this method and path; fails the test when absent. */
export function routeAt(table: RouteTable, method: string, path: string): Route {
  const r = table.routes.find((x) => x.path === path && (x.methods === '*' || (x.methods as string[]).includes(method)));
  assert.ok(r, `no route ${method} ${path} in ${table.routes.map((x) => `${String(x.methods)} ${x.path}`).join(', ')}`);
  return r;
}

/** The worked example of shared/notes/http-mapping.md §5. */
export const inventoryIdl = `
enum ItemState { DRAFT = 0, ACTIVE = 1, RETIRED = 2 }
struct Item { 1: i64 id (api.js_conv="true"), 2: string title, 3: ItemState state,
              4: optional list<string> tags, 5: optional binary thumb }
struct GetItemReq {
  1: required i64 item_id (api.path="item_id")
  2: optional string locale (api.query="lang")
  3: optional list<i32> fields (api.query="fields")
  4: optional string trace_id (api.header="X-Trace-Id")
  5: optional string session (api.cookie="sid")
  6: optional string uri (api.raw_uri="true") }
struct ItemResp { 1: optional Item item (api.body="item"), 2: optional i32 status (api.http_code="true"),
                  3: optional string etag (api.header="ETag"), 4: optional string note (api.none="true") }
exception NotFound { 1: string message, 2: i32 code (api.http_code="true") }
struct CreateItemReq { 1: required string title, 2: optional list<string> tags,
                       3: optional string idem (api.header="Idempotency-Key") }
service InventoryService {
  ItemResp GetItem(1: GetItemReq req) throws (1: NotFound nf) (api.get="/v1/items/:item_id")
  ItemResp CreateItem(1: CreateItemReq req) (api.post="/v1/items")
  void DeleteItem(1: GetItemReq req) (api.delete="/v1/items/:item_id", api.get="/v1/items/:item_id/delete")
}
`;
