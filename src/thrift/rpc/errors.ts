/** Errors the RPC client and server raise (TApplicationException lives in application-exception.ts). */
import { createError } from '../../errors';

/** A call got no reply within its timeout; the connection stays usable and a late reply is dropped. */
export const RpcTimeoutError = createError('SLUICE_E_RPC_TIMEOUT');
/** The connection closed (or failed) while the call was outstanding, or the call was made after close. */
export const RpcConnectionClosedError = createError('SLUICE_E_RPC_CONNECTION_CLOSED');
/** The peer answered with a message we cannot accept (wrong type, undecodable reply). */
export const RpcBadReplyError = createError('SLUICE_E_RPC_BAD_REPLY');
/** A server received a message it cannot serve (not CALL/ONEWAY, undecodable arguments). */
export const RpcBadRequestError = createError('SLUICE_E_RPC_BAD_REQUEST');
/** The TCP connection could not be established. */
export const RpcConnectError = createError('SLUICE_E_RPC_CONNECT');
