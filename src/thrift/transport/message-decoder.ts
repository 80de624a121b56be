/**
 * Turns a byte stream into Thrift messages for one connection, in one of four read modes:
 * `buffered` and `framed` with a fixed protocol, `header` (THeader frames only, the client side of a
 * THeader connection), and `sniff` (a THeader server: every client type, decided per message).
 */
import { ByteQueue, readU32 } from './byte-queue';
import {
  DEFAULT_MAX_FRAME_BYTES, type Dialect, type Envelope, type ProtocolName, type StreamLimits,
} from './dialect';
import { BadHeaderError, FrameTooLargeError, TruncatedMessageError } from './errors';
import { takeFrame } from './framed';
import { decodeHeaderFrame, HEADER_MAX_FRAME } from './header';
import { DEFAULT_MAX_MESSAGE_BYTES, messageEnd, NEED_MORE } from './message-end';
import { sniffClientType } from './sniff';

export type ReadMode = 'buffered' | 'framed' | 'header' | 'sniff';

export class MessageDecoder {
  readonly #queue = new ByteQueue();
  readonly #mode: ReadMode;
  readonly #protocol: ProtocolName;
  readonly #maxFrame: number;
  readonly #maxMessage: number;
  readonly #maxDepth: number | undefined;
  readonly #outerFrame: boolean;

  /**
   * `protocol` is what buffered/framed modes expect; header/sniff learn it from the bytes. `outerFrame`
   * (header mode) expects each THeader frame inside a framed-transport frame; sniff mode detects it.
   */
  constructor(mode: ReadMode, protocol: ProtocolName, limits: StreamLimits = {}, outerFrame = false) {
    this.#outerFrame = outerFrame;
    this.#mode = mode;
    this.#protocol = protocol;
    this.#maxFrame = limits.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.#maxMessage = limits.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.#maxDepth = limits.maxDepth;
  }

  /** Bytes received but not yet part of a complete message. */
  get pendingBytes(): number {
    return this.#queue.length;
  }

  /**
   * Queues `chunk` (kept by reference; node never reuses socket chunks) and returns every message it
   * completes. Throws a transport error for bytes that cannot become a valid message; the stream is then
   * unusable.
   */
  push(chunk: Uint8Array): Envelope[] {
    this.#queue.push(chunk);
    const out: Envelope[] = [];
    for (;;) {
      const env = this.#next();
      if (env === undefined) return out;
      out.push(env);
    }
  }

  /** Call when the peer has closed: throws TruncatedMessageError if a message was cut off. */
  end(): void {
    if (this.#queue.length > 0) {
      throw TruncatedMessageError(`connection closed inside a message (${this.#queue.length} bytes pending)`);
    }
  }

  #next(): Envelope | undefined {
    switch (this.#mode) {
      case 'buffered': return this.#buffered(this.#protocol);
      case 'framed': return this.#framed(this.#protocol);
      case 'header': return this.#header(this.#outerFrame);
      case 'sniff': {
        if (this.#queue.length === 0) return undefined;
        const type = sniffClientType(this.#queue.peek(Math.min(12, this.#queue.length)));
        if (type === undefined) return undefined;
        if (type.transport === 'buffered') return this.#buffered(type.protocol!);
        if (type.transport === 'framed') return this.#framed(type.protocol!);
        return this.#header(type.outerFrame === true);
      }
    }
  }

  #buffered(protocol: ProtocolName): Envelope | undefined {
    if (this.#queue.length === 0) return undefined;
    const end = messageEnd(protocol, this.#queue.peekAll(), { maxMessageBytes: this.#maxMessage, maxDepth: this.#maxDepth });
    if (end === NEED_MORE) return undefined;
    return { payload: this.#queue.take(end), dialect: { transport: 'buffered', protocol } };
  }

  #framed(protocol: ProtocolName): Envelope | undefined {
    for (;;) {
      const frame = takeFrame(this.#queue, this.#maxFrame);
      if (frame === undefined) return undefined;
      if (frame.length === 0) continue; // empty frames carry no message
      return { payload: frame, dialect: { transport: 'framed', protocol } };
    }
  }

  #header(outerFrame: boolean): Envelope | undefined {
    if (this.#queue.length < 4) return undefined;
    const len = readU32(this.#queue.peek(4), 0);
    const max = Math.min(this.#maxFrame, HEADER_MAX_FRAME);
    if (len > max) throw FrameTooLargeError(`THeader frame of ${len} bytes exceeds the ${max}-byte limit`);
    let frame = takeFrame(this.#queue, max);
    if (frame === undefined) return undefined;
    if (outerFrame) {
      if (frame.length < 4 || readU32(frame, 0) !== frame.length - 4) {
        throw BadHeaderError('framed THeader: the inner length does not match the outer frame');
      }
      frame = frame.subarray(4);
    }
    const h = decodeHeaderFrame(frame, this.#maxMessage);
    const dialect: Dialect = {
      transport: 'header', protocol: h.protocol, headerFlags: h.flags, headerTransforms: h.transforms, outerFrame,
    };
    return { payload: h.payload, dialect, headerSeqid: h.seqid, headers: h.headers };
  }
}
