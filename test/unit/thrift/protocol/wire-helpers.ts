/** Hex helpers shared by the protocol unit tests. */
import assert from 'node:assert/strict';
import { SluiceError } from '../../../../src/errors';

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

export function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

/** Asserts that `fn` throws a SluiceError carrying `code`. */
export function assertThrowsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SluiceError, `expected SluiceError, got ${String(err)}`);
    assert.equal(err.code, code);
    return true;
  });
}
