/**
 * What a connection speaks: the transport framing and the protocol inside it. A server answers every
 * message in the dialect it arrived in (THeader: same protocol id, flags and transforms).
 */

export type ProtocolName = 'binary' | 'compact';
export type TransportName = 'buffered' | 'framed' | 'header';

/** THeader transform ids (doc/specs/HeaderFormat.md); only zlib exists in the reference libraries. */
export const HeaderTransform = { ZLIB: 1, HMAC: 2, SNAPPY: 3 } as const;

/** THeader protocol ids. */
export const HeaderProtocolId = { binary: 0, compact: 2 } as const;

export interface Dialect {
  readonly transport: TransportName;
  readonly protocol: ProtocolName;
  /** THeader flags echoed back (0 when we start the conversation). */
  readonly headerFlags?: number;
  /** THeader transforms applied to the payload, in application order. */
  readonly headerTransforms?: readonly number[];
  /**
   * THeader only: each THeader frame is wrapped in one more framed-transport frame (what Apache's
   * cross-test calls `header` over `framed`: a THeader protocol stacked on TFramedTransport).
   */
  readonly outerFrame?: boolean;
}

/** One Thrift message cut out of a stream, with the dialect it came in. */
export interface Envelope {
  /** Exactly one message (protocol bytes, transforms undone). Safe to keep: never reused by the decoder. */
  readonly payload: Uint8Array;
  readonly dialect: Dialect;
  /** THeader only: the header's seqid and its key/value info headers. */
  readonly headerSeqid?: number;
  readonly headers?: ReadonlyMap<string, string>;
}

/** Limits a decoder enforces on a peer's bytes. */
export interface StreamLimits {
  /** Largest frame (framed and THeader length word), default 16 MiB. */
  readonly maxFrameBytes?: number;
  /** Largest unframed message, and largest inflated THeader payload, default 100 MiB. */
  readonly maxMessageBytes?: number;
  /** Nesting depth checked while cutting unframed messages, default 64. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
