/**
 * Errors of the JSON ⇄ Thrift value rules (contract §5). Input-side errors carry status 400 and, when one
 * value is to blame, `field` = its JSON path as the client sent it (docs/json-rules.md).
 */
import { createError } from '../errors';

/** The text is not JSON (no `field`: nothing in it can be named). */
export const JsonMalformedError = createError('SLUICE_E_JSON_MALFORMED', 400);
/** A value of the wrong JSON type (string where a number belongs, ...). */
export const JsonWrongTypeError = createError('SLUICE_E_JSON_WRONG_TYPE', 400);
/** An integer outside its Thrift type's range, a fraction where an integer belongs, a double overflowing. */
export const JsonOutOfRangeError = createError('SLUICE_E_JSON_OUT_OF_RANGE', 400);
/** A string that does not parse as its type: bad base64, unknown enum name, bad uuid, bad number text. */
export const JsonBadValueError = createError('SLUICE_E_JSON_BAD_VALUE', 400);
/** A required field (without IDL default) is absent; `field` is the key the client should have sent. */
export const JsonMissingRequiredError = createError('SLUICE_E_JSON_MISSING_REQUIRED', 400);
/** A union object with zero or several keys; `field` is the union's path. */
export const JsonUnionArityError = createError('SLUICE_E_JSON_UNION_ARITY', 400);
/** A key the type does not declare, under `unknownFields: 'reject'`. */
export const JsonUnknownFieldError = createError('SLUICE_E_JSON_UNKNOWN_FIELD', 400);
/** Values nested deeper than the 64 levels Thrift readers accept. */
export const JsonTooDeepError = createError('SLUICE_E_JSON_TOO_DEEP', 400);
/** The schema cannot be expressed in JSON (struct or container map keys) or names an unknown type. */
export const JsonUnsupportedTypeError = createError('SLUICE_E_JSON_UNSUPPORTED_TYPE');
/** Thrift input lacks a required field, so no valid JSON can be produced. */
export const JsonDecodeMissingRequiredError = createError('SLUICE_E_JSON_DECODE_MISSING_REQUIRED');
/** Thrift input holds a union with zero or several members set. */
export const JsonDecodeUnionArityError = createError('SLUICE_E_JSON_DECODE_UNION_ARITY');
/** Thrift container elements whose wire type differs from the IDL (fields of the wrong type are skipped instead). */
export const JsonDecodeTypeMismatchError = createError('SLUICE_E_JSON_DECODE_TYPE_MISMATCH');
