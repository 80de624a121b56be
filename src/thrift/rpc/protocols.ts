/**
 * Creates protocol readers and writers by name. Client and server accept their own factories (for tests
 * and for protocols added later); these are the defaults.
 */
import type { ProtocolReader, ProtocolWriter } from '../protocol/protocol';
import type { ProtocolName } from '../transport/dialect';

export interface ProtocolFactory {
  /** A fresh writer; the runtime copies `finish()` before reusing or dropping it. */
  writer(): ProtocolWriter;
  /** A reader over exactly one message. */
  reader(bytes: Uint8Array): ProtocolReader;
}

export type ProtocolFactories = Readonly<Record<ProtocolName, ProtocolFactory>>;

const unavailable = (name: string): ProtocolFactory => ({
  writer() { throw new Error(`protocol ${name} is not available yet`); },
  reader() { throw new Error(`protocol ${name} is not available yet`); },
});

/** The library's binary and compact protocols. */
export const defaultProtocols: ProtocolFactories = { binary: unavailable('binary'), compact: unavailable('compact') };
