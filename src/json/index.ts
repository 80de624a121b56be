/** JSON ⇄ Thrift value rules (contract §5): parser, formatting helpers and the schema-driven converters. */
export { jsonToThrift, valueToThrift } from './to-thrift';
export { thriftToJson } from './from-thrift';
export { parseJson } from './parse';
export type { ParseOptions } from './parse';
export { JsonNumber, isJsonObject } from './value';
export type { JsonObject, JsonValue } from './value';
export type { JsonOptions } from './options';
export { jsonDouble, jsonString } from './format';
export { decodeBase64, encodeBase64 } from './base64';
export { formatPath } from './path';
export { findInexpressibleMap } from './expressible';
export type { InexpressibleMap } from './expressible';
export * from './errors';
