/** uuid ⇄ JSON string: canonical lowercase `8-4-4-4-12` out; any case, optional braces, in. */

const UUID = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

/** The 16 bytes of `text`, or undefined when it is not a uuid. */
export function parseUuid(text: string): Uint8Array | undefined {
  const m = UUID.exec(text);
  if (!m || (text.startsWith('{') !== text.endsWith('}'))) return undefined;
  return new Uint8Array(Buffer.from(m.slice(1).join(''), 'hex'));
}

/** Canonical text of 16 uuid bytes. */
export function formatUuid(bytes: Uint8Array): string {
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
