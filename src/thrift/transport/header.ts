/**
 * Apache THeader (doc/specs/HeaderFormat.md):
 *   u32 length | u16 0x0FFF | u16 flags | u32 seqid | u16 header words |
 *   varint protocol id, varint n, n × varint transform, info blocks (id 1 = key/values), zero padding |
 *   payload (transforms applied in order).
 * Padding differs by writer (C++ 1–4 bytes, Python 0–3): readers jump to the end of the header instead
 * of parsing it. We write Python's 0–3.
 */
import * as zlib from 'node:zlib';
import { readU16, readU32, writeU32 } from './byte-queue';
import { BadHeaderError, FrameTooLargeError } from './errors';
import { HeaderProtocolId, HeaderTransform, type ProtocolName } from './dialect';
import { pushVarint, VarintCursor } from './varint';

export const HEADER_MAGIC = 0x0fff;
/** The format's hard cap on the length word. */
export const HEADER_MAX_FRAME = 0x3fffffff;
const INFO_KEYVALUE = 1;
const FIXED_BYTES = 10; // magic, flags, seqid, header size (after the length word)

export interface HeaderFrame {
  readonly protocol: ProtocolName;
  readonly flags: number;
  readonly seqid: number;
  readonly transforms: readonly number[];
  readonly headers: ReadonlyMap<string, string>;
  /** The message with transforms undone. */
  readonly payload: Uint8Array;
}

/** TApplicationException INVALID_TRANSFORM (numbered here to keep the transport layer free of rpc imports). */
const INVALID_TRANSFORM = 8;

/**
 * Attached as `answer` to a BadHeaderError the caller can still be answered for: a THeader reply with this
 * protocol, flags and seqid carrying a TApplicationException of the given type.
 */
export interface HeaderRejection {
  readonly protocol: ProtocolName;
  readonly flags: number;
  readonly seqid: number;
  readonly applicationExceptionType: number;
}

export interface HeaderWriteOptions {
  readonly protocol: ProtocolName;
  readonly seqid: number;
  readonly flags?: number;
  readonly transforms?: readonly number[];
  readonly headers?: ReadonlyMap<string, string> | Record<string, string>;
}

/** Encodes one message as a complete THeader frame, length word included. */
export function encodeHeaderFrame(payload: Uint8Array, opts: HeaderWriteOptions): Uint8Array {
  const hdr: number[] = [];
  pushVarint(hdr, HeaderProtocolId[opts.protocol]);
  const transforms = opts.transforms ?? [];
  pushVarint(hdr, transforms.length);
  let body = payload;
  for (const t of transforms) {
    pushVarint(hdr, t);
    if (t !== HeaderTransform.ZLIB) throw BadHeaderError(`THeader transform ${t} is not supported`);
    body = zlib.deflateSync(body);
  }
  const entries = opts.headers === undefined ? []
    : opts.headers instanceof Map ? [...opts.headers] : Object.entries(opts.headers);
  if (entries.length > 0) {
    pushVarint(hdr, INFO_KEYVALUE);
    pushVarint(hdr, entries.length);
    for (const [k, v] of entries) {
      for (const s of [k, v]) {
        const bytes = Buffer.from(s, 'utf8');
        pushVarint(hdr, bytes.length);
        for (const byte of bytes) hdr.push(byte);
      }
    }
  }
  while (hdr.length % 4 !== 0) hdr.push(0);
  const length = FIXED_BYTES + hdr.length + body.length;
  if (length > HEADER_MAX_FRAME) throw FrameTooLargeError(`THeader frame of ${length} bytes exceeds 0x3FFFFFFF`);
  const out = new Uint8Array(4 + length);
  writeU32(out, 0, length);
  out[4] = HEADER_MAGIC >> 8; out[5] = HEADER_MAGIC & 0xff;
  const flags = opts.flags ?? 0;
  out[6] = (flags >> 8) & 0xff; out[7] = flags & 0xff;
  writeU32(out, 8, opts.seqid >>> 0);
  const words = hdr.length / 4;
  out[12] = words >> 8; out[13] = words & 0xff;
  out.set(hdr, 14);
  out.set(body, 14 + hdr.length);
  return out;
}

/**
 * Decodes one THeader frame (the bytes after the length word). Throws BadHeaderError for a bad magic,
 * header size, protocol id or transform, FrameTooLargeError when an inflated payload exceeds the limit.
 */
export function decodeHeaderFrame(frame: Uint8Array, maxMessageBytes: number): HeaderFrame {
  if (frame.length < FIXED_BYTES) throw BadHeaderError(`THeader frame of ${frame.length} bytes is too short`);
  const magic = readU16(frame, 0);
  if (magic !== HEADER_MAGIC) throw BadHeaderError(`bad THeader magic 0x${magic.toString(16)}`);
  const flags = readU16(frame, 2);
  const seqid = readU32(frame, 4) | 0;
  const words = readU16(frame, 8);
  const end = FIXED_BYTES + words * 4;
  if (words >= 16384 || end > frame.length) {
    throw BadHeaderError(`THeader header size ${words * 4} does not fit in a ${frame.length}-byte frame`);
  }
  const c = new VarintCursor(frame, FIXED_BYTES, end);
  const protocolId = c.varint();
  const protocol = protocolId === HeaderProtocolId.binary ? 'binary'
    : protocolId === HeaderProtocolId.compact ? 'compact' : undefined;
  if (protocol === undefined) throw BadHeaderError(`THeader protocol id ${protocolId} is not supported`);
  const n = c.varint();
  const transforms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = c.varint();
    if (t !== HeaderTransform.ZLIB) {
      // The caller can still be told why (TApplicationException INVALID_TRANSFORM): we know its seqid and protocol.
      const answer: HeaderRejection = { protocol, flags, seqid, applicationExceptionType: INVALID_TRANSFORM };
      throw Object.assign(BadHeaderError(`THeader transform ${t} is not supported`), { answer });
    }
    transforms.push(t);
  }
  const headers = new Map<string, string>();
  // Info blocks until padding (id 0) or an id we don't know, whose layout we can't skip: stop there.
  while (!c.done) {
    const id = c.varint();
    if (id !== INFO_KEYVALUE) break;
    const count = c.varint();
    for (let i = 0; i < count; i++) {
      const k = Buffer.from(c.bytes(c.varint())).toString('utf8');
      const v = Buffer.from(c.bytes(c.varint())).toString('utf8');
      headers.set(k, v);
    }
  }
  let payload = frame.subarray(end);
  for (let i = transforms.length - 1; i >= 0; i--) payload = inflate(payload, maxMessageBytes);
  return { protocol, flags, seqid, transforms, headers, payload };
}

function inflate(data: Uint8Array, maxMessageBytes: number): Uint8Array {
  try {
    const out = zlib.inflateSync(data, { maxOutputLength: maxMessageBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    if (e instanceof RangeError) {
      throw FrameTooLargeError(`inflated THeader payload exceeds the ${maxMessageBytes}-byte limit`, { cause: e });
    }
    throw BadHeaderError('THeader zlib payload does not inflate', { cause: e });
  }
}
