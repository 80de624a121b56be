import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacSha256 } from '../../../src/pseudo/hmac';
import { RFC4231 } from './vectors';

const h = (s: string) => Buffer.from(s, 'hex');

for (const v of RFC4231) {
  test(`HMAC-SHA-256 reference reproduces ${v.name}`, () => {
    const mac = hmacSha256(h(v.key), h(v.data));
    assert.equal(mac.length, 32);
    assert.equal(mac.subarray(0, v.truncatedTo ?? 32).toString('hex'), v.mac);
  });
}
