/**
 * Creates protocol readers and writers by name. Client and server accept their own factories (for tests
 * and for protocols added later); these are the defaults.
 */
import { BinaryReader, BinaryWriter } from '../protocol/binary';
import { CompactReader, CompactWriter } from '../protocol/compact';
import type { ProtocolReader, ProtocolWriter } from '../protocol/protocol';
import type { ProtocolName } from '../transport/dialect';

export interface ProtocolFactory {
  /** A fresh writer; the runtime copies `finish()` before reusing it. */
  writer(): ProtocolWriter;
  /** A reader over exactly one message. */
  reader(bytes: Uint8Array): ProtocolReader;
}

export type ProtocolFactories = Readonly<Record<ProtocolName, ProtocolFactory>>;

/** The library's binary and compact protocols. */
export const defaultProtocols: ProtocolFactories = {
  binary: { writer: () => new BinaryWriter(), reader: (bytes) => new BinaryReader(bytes) },
  compact: { writer: () => new CompactWriter(), reader: (bytes) => new CompactReader(bytes) },
};
