/**
 * Client-type sniffing for THeader endpoints (what Apache's C++ and Python servers do): the first word
 * tells unframed binary/compact apart from a length word, and then the second word tells THeader, framed
 * binary and framed compact apart.
 */
import { readU32 } from './byte-queue';
import type { ProtocolName, TransportName } from './dialect';
import { HEADER_MAGIC } from './header';
import { UnsupportedClientTypeError } from './errors';

export interface ClientType {
  readonly transport: TransportName;
  /** Unknown for THeader until its header is read. */
  readonly protocol: ProtocolName | undefined;
  /** THeader inside a framed-transport frame. */
  readonly outerFrame?: boolean;
}

const isStrictBinary = (w: number) => (w & 0xffff0000) === (0x80010000 | 0);
const isCompact = (b0: number, b1: number) => b0 === 0x82 && (b1 & 0x1f) === 1;

/** Classifies the start of a message; undefined while fewer than the 4, 8 or 12 deciding bytes are known. */
export function sniffClientType(b: Uint8Array): ClientType | undefined {
  if (b.length < 4) return undefined;
  const w = readU32(b, 0);
  if (isStrictBinary(w | 0)) return { transport: 'buffered', protocol: 'binary' };
  if (isCompact(b[0]!, b[1]!)) return { transport: 'buffered', protocol: 'compact' };
  if (b.length < 8) return undefined;
  const w2 = readU32(b, 4);
  if (w2 >>> 16 === HEADER_MAGIC) return { transport: 'header', protocol: undefined };
  if (isStrictBinary(w2 | 0)) return { transport: 'framed', protocol: 'binary' };
  if (isCompact(b[4]!, b[5]!)) return { transport: 'framed', protocol: 'compact' };
  if (w2 === w - 4 && w2 >= 4) {
    if (b.length < 12) return undefined;
    if (readU32(b, 8) >>> 16 === HEADER_MAGIC) return { transport: 'header', protocol: undefined, outerFrame: true };
  }
  const hex = Buffer.from(b.subarray(0, 8)).toString('hex');
  throw UnsupportedClientTypeError(`first bytes ${hex} are neither THeader, framed nor unframed binary/compact`);
}
