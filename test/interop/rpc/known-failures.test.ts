import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLIENT_CHECKS } from './helpers/client-checks';
import { loadKnownFailures } from './helpers/known-failures';

test('every known_failures.json entry names a real peer, direction and check, and gives a reason', () => {
  for (const f of loadKnownFailures()) {
    assert.ok(['python', 'npm'].includes(f.peer), f.peer);
    assert.ok(['our-client', 'their-client'].includes(f.direction), f.direction);
    assert.ok(f.check in CLIENT_CHECKS, `unknown check ${f.check}`);
    for (const p of f.protocols ?? []) assert.ok(['binary', 'compact', 'header'].includes(p), p);
    assert.ok(f.reason.length > 40, `reason for ${f.peer}/${f.check} is too thin`);
  }
});
