/**
 * Typed access to the native transcoder's JS surface (`exports.transcode.*` of the addon,
 * native/binding/transcode_binding.cc): plan handles, value-level and call-level transcoding, framing helpers.
 * For `sluice encode/decode`, tests and benchmarks; the data plane calls the C++ API directly.
 */
import { loadAddon } from '../native/addon';

/** An opaque handle to a loaded plan (freed when garbage-collected). */
export type PlanHandle = { readonly __brand: 'sluice.PlanHandle' };
export type WireProtocol = 'binary' | 'compact';
export type WireTransport = 'framed' | 'buffered' | 'header';

/** The HTTP request parts bindings read (contract §3). */
export interface NativeRequest {
  readonly method: string;
  /** Route parameters, already percent-decoded. */
  readonly pathParams?: Readonly<Record<string, string>>;
  /** Query string after `?`, still encoded. */
  readonly query?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly body?: string | Uint8Array;
  /** The request-target as received (for `api.raw_uri`). */
  readonly target?: string;
}

export interface NativeResponse {
  readonly status: number;
  readonly headers: ReadonlyArray<[string, string]>;
  readonly body: string;
  /** §6 code for error statuses (`upstream_error`, `NS.Type`, ...); empty on success. */
  readonly errorCode: string;
}

export interface FrameScan {
  readonly status: 'complete' | 'need_more' | 'invalid';
  readonly frameLength: number;
  readonly payloadOffset: number;
  readonly payloadLength: number;
  readonly protocol: WireProtocol;
}

/**
 * The addon's transcoder functions. Errors are thrown as Error with `code` `SLUICE_E_NATIVE_TRANSCODE` (plus
 * `status`, `errorCode` and `field` per §6), `SLUICE_E_NATIVE_PLAN` or `SLUICE_E_NATIVE_BAD_ARGUMENT`.
 */
export interface NativeTranscoder {
  loadPlan(blob: Uint8Array): PlanHandle;
  jsonToThrift(plan: PlanHandle, protocol: WireProtocol, json: string | Uint8Array): Uint8Array;
  thriftToJson(plan: PlanHandle, protocol: WireProtocol, bytes: Uint8Array): string;
  /** The framed CALL message (transport and protocol from the plan). */
  encodeCall(plan: PlanHandle, request: NativeRequest, seqid: number): Uint8Array;
  /** `message` = the protocol message without transport framing. */
  decodeReply(plan: PlanHandle, message: Uint8Array): NativeResponse;
  findMessageEnd(transport: WireTransport, protocol: WireProtocol, bytes: Uint8Array, maxFrameBytes?: number): FrameScan;
  frameMessage(transport: WireTransport, protocol: WireProtocol, seqid: number, message: Uint8Array): Uint8Array;
  readSeqid(transport: WireTransport, protocol: WireProtocol, frame: Uint8Array): number | undefined;
  rewriteSeqid(transport: WireTransport, protocol: WireProtocol, frame: Uint8Array, seqid: number): Uint8Array | undefined;
  /** CPU ns per message each way, measured inside the addon. */
  bench(plan: PlanHandle, protocol: WireProtocol, json: string, iterations: number): {
    encodeNs: number; decodeNs: number; encodeWallNs: number; decodeWallNs: number; bytes: number; jsonBytes: number;
  };
}

/** The native transcoder; throws SLUICE_E_NATIVE_ADDON_MISSING when the addon is not built. */
export function nativeTranscoder(): NativeTranscoder {
  return (loadAddon() as unknown as { transcode: NativeTranscoder }).transcode;
}
