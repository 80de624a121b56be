/**
 * The object every generated struct, union and exception exports under its own name: the generated
 * `encode`/`decode` plus byte-level helpers for both protocols, added here once instead of per type.
 */
import { BinaryReader, BinaryWriter } from '../../src/thrift/protocol/binary';
import { CompactReader, CompactWriter } from '../../src/thrift/protocol/compact';
import type { ProtocolReader, ProtocolWriter, ReadLimits } from '../../src/thrift/protocol/protocol';

/** The generated part of a codec. */
export interface StructCodecSpec<T> {
  /** `NS.Type`. */
  readonly name: string;
  /** Writes `value` as one struct (field headers, fields, STOP) to `w`. Throws on a missing required field. */
  encode(value: T, w: ProtocolWriter): void;
  /** Reads one struct from `r`: unknown fields skipped, IDL defaults applied, required fields checked. */
  decode(r: ProtocolReader): T;
}

/** What `T.encode`, `T.decode`, `T.toBinary`, … offer for a generated type `T`. */
export interface StructCodec<T> extends StructCodecSpec<T> {
  /** The value as TBinaryProtocol bytes (a fresh array the caller owns). */
  toBinary(value: T): Uint8Array;
  /** Decodes TBinaryProtocol bytes; the input is not kept. */
  fromBinary(bytes: Uint8Array, limits?: ReadLimits): T;
  /** The value as TCompactProtocol bytes (a fresh array the caller owns). */
  toCompact(value: T): Uint8Array;
  /** Decodes TCompactProtocol bytes; the input is not kept. */
  fromCompact(bytes: Uint8Array, limits?: ReadLimits): T;
}

// One writer per protocol, reused by every toBinary/toCompact call: encoding is synchronous and
// never re-enters these helpers (nested values call `encode` directly), and results are copied out.
let binaryWriter: BinaryWriter | undefined;
// Shared so that decoding without limits allocates no options object.
const NO_LIMITS: ReadLimits = Object.freeze({});
let compactWriter: CompactWriter | undefined;

/** Completes a generated codec with the byte-level helpers. */
export function structCodec<T>(spec: StructCodecSpec<T>): StructCodec<T> {
  const { encode, decode } = spec;
  return {
    name: spec.name,
    encode,
    decode,
    toBinary(value: T): Uint8Array {
      const w = (binaryWriter ??= new BinaryWriter());
      w.reset();
      encode(value, w);
      return w.finish().slice();
    },
    fromBinary(bytes: Uint8Array, limits?: ReadLimits): T {
      return decode(new BinaryReader(bytes, limits ?? NO_LIMITS));
    },
    toCompact(value: T): Uint8Array {
      const w = (compactWriter ??= new CompactWriter());
      w.reset();
      encode(value, w);
      return w.finish().slice();
    },
    fromCompact(bytes: Uint8Array, limits?: ReadLimits): T {
      return decode(new CompactReader(bytes, limits ?? NO_LIMITS));
    },
  };
}
