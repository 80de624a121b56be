/** The protocol layer's public surface: interfaces, both protocols, their errors. */
export * from './protocol';
export * from './errors';
export { BinaryWriter, BinaryReader } from './binary';
export type { BinaryReaderOptions } from './binary';
export { CompactWriter, CompactReader } from './compact';
