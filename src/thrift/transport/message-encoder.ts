/** Wraps one serialized message for the wire in a given dialect. */
import type { Dialect } from './dialect';
import { encodeFrame } from './framed';
import { encodeHeaderFrame } from './header';

export interface EncodeOptions {
  /** THeader: the message's seqid (the header repeats it). */
  readonly seqid?: number;
  /** THeader: key/value info headers to send with this message. */
  readonly headers?: ReadonlyMap<string, string> | Record<string, string>;
}

/** Returns the bytes to write for `payload` (which must be exactly one message) in `dialect`. */
export function encodeMessage(payload: Uint8Array, dialect: Dialect, opts: EncodeOptions = {}): Uint8Array {
  switch (dialect.transport) {
    case 'buffered': return payload;
    case 'framed': return encodeFrame(payload);
    case 'header': {
      const frame = encodeHeaderFrame(payload, {
        protocol: dialect.protocol,
        seqid: opts.seqid ?? 0,
        flags: dialect.headerFlags ?? 0,
        transforms: dialect.headerTransforms ?? [],
        headers: opts.headers,
      });
      return dialect.outerFrame === true ? encodeFrame(frame) : frame;
    }
  }
}
