/**
 * Errors generated codecs throw, with the checks that raise them. Each is a SluiceError matched on
 * `code`; the message names the Thrift type and field so the bad value can be found.
 */
import { createError } from '../../src/errors';
import type { ProtocolReader, TType } from '../../src/thrift/protocol/protocol';

/** A required field is absent: on encode (the value lacks it) or on decode (the bytes lack it). */
export const CodecMissingFieldError = createError('SLUICE_E_CODEC_MISSING_FIELD');
/** A union value (or union on the wire) with no member set, or with more than one. */
export const CodecUnionError = createError('SLUICE_E_CODEC_UNION');
/** A non-empty container on the wire whose element, key or value type is not the IDL's. */
export const CodecElementTypeError = createError('SLUICE_E_CODEC_ELEMENT_TYPE');

/** The error for required field `field` (id `id`) of `struct` being absent. */
export function missingField(struct: string, field: string, id: number): Error {
  return CodecMissingFieldError(`required field ${id}: ${field} of ${struct} is not set`, { field });
}

/** The error for union `union` holding `count` members (it must hold exactly one). */
export function unionCount(union: string, count: number): Error {
  return CodecUnionError(`union ${union} must have exactly one field set, found ${count === 0 ? 'none' : 'more than one'}`);
}

/** Throws unless the list or set just begun on `r` carries `expected` elements. */
export function checkElemType(r: ProtocolReader, expected: TType | number): void {
  if (r.elemType !== expected) {
    throw CodecElementTypeError(`container element type ${r.elemType} does not match the IDL's ${expected} at offset ${r.position}`);
  }
}

/** Throws unless the map just begun on `r` carries `key` keys and `value` values. */
export function checkMapTypes(r: ProtocolReader, key: TType | number, value: TType | number): void {
  if (r.keyType !== key || r.valueType !== value) {
    throw CodecElementTypeError(`map types ${r.keyType}/${r.valueType} do not match the IDL's ${key}/${value} at offset ${r.position}`);
  }
}
