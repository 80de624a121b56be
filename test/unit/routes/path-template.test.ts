import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareSpecificity, parsePathTemplate, type PathTemplate } from '../../../src/routes/path-template';

function parse(text: string): PathTemplate {
  const t = parsePathTemplate(text);
  assert.ok(typeof t !== 'string', String(t));
  return t;
}

test('templates parse into literal, :param and trailing *rest segments with a name-free shape', () => {
  const t = parse('/v1/people/:id/files/*path');
  assert.deepEqual(t.params, ['id', 'path']);
  assert.equal(t.shape, '/v1/people/:/files/*');
  assert.equal(parse('/').shape, '/');
  assert.equal(parse('/a/').shape, '/a/');
});

test('malformed templates are rejected with a reason', () => {
  for (const [text, reason] of [
    ['v1/x', /must start with '\/'/],
    ['/a/*rest/b', /must be the last segment/],
    ['/a/:id/:id', /twice/],
    ['/a/:', /needs a name/],
    ['/a//b', /empty segment/],
    ['/a?b=1', /must not contain/],
    ['/a/b*', /'\*' may only start/],
  ] as const) {
    const r = parsePathTemplate(text);
    assert.equal(typeof r, 'string', text);
    assert.match(r as string, reason, text);
  }
});

test('specificity: literal > :param > *rest at the first differing position; same shape compares equal', () => {
  assert.ok(compareSpecificity(parse('/a/b'), parse('/a/:x')) > 0);
  assert.ok(compareSpecificity(parse('/a/:x'), parse('/a/*r')) > 0);
  assert.ok(compareSpecificity(parse('/:x/b/c'), parse('/a/:y/c')) < 0);
  assert.equal(compareSpecificity(parse('/a/:x'), parse('/a/:y')), 0);
});
