/**
 * What a handler can learn about the call it is serving, without the generated handler signatures carrying
 * it: the server runs each handler inside an AsyncLocalStorage scope, so `callContext()` works anywhere in
 * the handler's async call tree.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Dialect } from '../transport/dialect';

export interface CallContext {
  /** The method name as sent (multiplexed calls keep their `Service:` prefix). */
  readonly name: string;
  readonly seqid: number;
  /** How the call arrived (transport, protocol, THeader flags/transforms). */
  readonly dialect: Dialect;
  /** THeader info key/values sent with the call (e.g. `authorization`); empty for other transports. */
  readonly headers: ReadonlyMap<string, string>;
  /** The caller's address and port. */
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;
}

const storage = new AsyncLocalStorage<CallContext>();

/** The call being served, when called from inside a handler run by `createServer`; undefined elsewhere. */
export function callContext(): CallContext | undefined {
  return storage.getStore();
}

/** Runs `fn` with `ctx` as the current call context (used by the server). */
export function runWithCallContext<T>(ctx: CallContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
