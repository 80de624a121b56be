/**
 * The seam between generated service code (codegen) and the RPC runtime (src/thrift/rpc).
 * Generated clients call through an `RpcCaller`; generated processors describe their methods as a
 * `ServiceDefinition` that the runtime's server dispatches to a user's handler.
 */
import type { ProtocolReader, ProtocolWriter } from '../protocol/protocol';

export interface CallOptions {
  /** Per-call timeout in ms; the caller's default when absent. */
  readonly timeoutMs?: number;
}

/** What a generated client needs from a connection. Implemented by src/thrift/rpc/client.ts. */
export interface RpcCaller {
  /**
   * Sends one call and resolves with what `readResult` returns for the reply's result struct.
   * `readResult` throws the declared exception (as a generated error class) when the reply carries one.
   * Oneway calls resolve (with undefined) once the bytes are handed to the transport, never waiting.
   */
  call<T>(method: string, oneway: boolean, writeArgs: (w: ProtocolWriter) => void,
    readResult: (r: ProtocolReader) => T, options?: CallOptions): Promise<T>;
}

/** The outcome of a handler, as the runtime hands it back to generated code for encoding. */
export type HandlerOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface MethodDefinition {
  readonly name: string;
  readonly oneway: boolean;
  /** Decodes the `<method>_args` struct. */
  readArgs(r: ProtocolReader): unknown;
  /** Calls the user's handler method with the decoded arguments. */
  invoke(handler: unknown, args: unknown): Promise<unknown> | unknown;
  /**
   * Writes the `<method>_result` struct for the outcome. Returns false (writing nothing) when the outcome
   * is an error the IDL does not declare; the runtime then answers with TApplicationException INTERNAL_ERROR.
   */
  writeResult(w: ProtocolWriter, outcome: HandlerOutcome): boolean;
}

/** Everything the runtime's server needs to serve one IDL service (inherited methods included). */
export interface ServiceDefinition {
  /** `NS.Service`. */
  readonly name: string;
  readonly methods: ReadonlyMap<string, MethodDefinition>;
}
