/** Base64 for binary fields: standard padded out; standard or URL-safe, padded or not, in. */

const VALID = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Standard alphabet, padded. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes standard or URL-safe base64 with or without padding; undefined when `text` is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!VALID.test(text)) return undefined;
  const eq = text.indexOf('=');
  const body = eq < 0 ? text.length : eq;
  if (body % 4 === 1) return undefined;
  if (eq >= 0 && text.length % 4 !== 0) return undefined;
  const buf = Buffer.from(text, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
