/**
 * TFramedTransport: each message is preceded by its length as a big-endian i32.
 */
import { ByteQueue, readU32, writeU32 } from './byte-queue';
import { FrameTooLargeError } from './errors';

/** Prefixes `payload` with its 4-byte big-endian length. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  writeU32(out, 0, payload.length);
  out.set(payload, 4);
  return out;
}

/**
 * Cuts the next frame out of `queue`: its payload, or undefined when it has not fully arrived.
 * Throws FrameTooLargeError as soon as the length word is seen, before buffering the body.
 */
export function takeFrame(queue: ByteQueue, maxFrameBytes: number): Uint8Array | undefined {
  if (queue.length < 4) return undefined;
  const len = readU32(queue.peek(4), 0);
  if (len > maxFrameBytes) {
    throw FrameTooLargeError(`frame of ${len} bytes exceeds the ${maxFrameBytes}-byte limit`);
  }
  if (queue.length < 4 + len) return undefined;
  queue.skip(4);
  return queue.take(len);
}
