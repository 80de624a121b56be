/**
 * Errors the protocol readers and writers throw. Every one is a SluiceError; callers match on `code`.
 * TRUNCATED means "the input ended inside a value": a stream reader may wait for more bytes and retry.
 */
import { createError } from '../../errors';

/** Input ends before the value does (also: a length or size larger than what remains). */
export const ThriftTruncatedError = createError('SLUICE_E_THRIFT_TRUNCATED');
/** Binary message header with a version other than 0x8001, or a compact header other than 0x82/1. */
export const ThriftBadVersionError = createError('SLUICE_E_THRIFT_BAD_VERSION');
/** Negative string/binary length or container size. */
export const ThriftNegativeSizeError = createError('SLUICE_E_THRIFT_NEGATIVE_SIZE');
/** Length or size over a configured ReadLimits bound. */
export const ThriftSizeLimitError = createError('SLUICE_E_THRIFT_SIZE_LIMIT');
/** Structs and containers nested deeper than ReadLimits.maxDepth (default 64). */
export const ThriftDepthExceededError = createError('SLUICE_E_THRIFT_DEPTH_EXCEEDED');
/** A type id that no Thrift type has. */
export const ThriftBadTypeError = createError('SLUICE_E_THRIFT_BAD_TYPE');
/** A varint longer than its type allows (5 bytes for 32-bit, 10 for 64-bit). */
export const ThriftBadVarintError = createError('SLUICE_E_THRIFT_BAD_VARINT');
/** A message type outside CALL/REPLY/EXCEPTION/ONEWAY. */
export const ThriftBadMessageTypeError = createError('SLUICE_E_THRIFT_BAD_MESSAGE_TYPE');
/** A value a writer cannot put on the wire (wrong uuid length, size out of i32 range). */
export const ThriftInvalidValueError = createError('SLUICE_E_THRIFT_INVALID_VALUE');

/** Bytes left over after the one value that was asked for (`sluice decode`). */
export const ThriftTrailingBytesError = createError('SLUICE_E_THRIFT_TRAILING_BYTES');

/** Default nesting limit for structs and containers, in decode and in skip (Apache's DEFAULT_RECURSION_DEPTH). */
export const DEFAULT_MAX_DEPTH = 64;
