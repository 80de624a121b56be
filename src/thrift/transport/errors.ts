/**
 * Errors the transport layer raises for bytes a peer sent. Each one means "this connection's stream
 * can no longer be trusted": the connection that produced it is closed, no other connection is affected.
 */
import { createError } from '../../errors';

/** A frame or THeader length above the configured maximum (default 16 MiB). */
export const FrameTooLargeError = createError('SLUICE_E_THRIFT_FRAME_TOO_LARGE');
/** The peer closed the stream in the middle of a frame or message. */
export const TruncatedMessageError = createError('SLUICE_E_THRIFT_TRUNCATED');
/** Bytes that are not a Thrift message in the expected protocol (bad version, bad type id, negative size). */
export const BadMessageError = createError('SLUICE_E_THRIFT_BAD_MESSAGE');
/** Nesting deeper than the depth limit (default 64). */
export const DepthLimitError = createError('SLUICE_E_THRIFT_DEPTH_LIMIT');
/** A THeader frame we cannot read: bad magic, header size, protocol id or transform. */
export const BadHeaderError = createError('SLUICE_E_THRIFT_BAD_HEADER');
/** The first bytes of a connection match no client type this endpoint accepts. */
export const UnsupportedClientTypeError = createError('SLUICE_E_THRIFT_UNSUPPORTED_CLIENT_TYPE');
