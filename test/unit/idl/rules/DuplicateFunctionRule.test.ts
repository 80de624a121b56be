import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf } from '../harness';

test('DuplicateFunctionRule: a function name declared twice in a service is an error', () => {
  assert.deepEqual(errorsOf('service V {\n  void f()\n  i32 f()\n}'), [{ code: 3012, message: 'Function "f" is already defined in service "V".', line: 3, column: 3 }]);
});

test('DuplicateFunctionRule: redeclaring a function of any base service is an error, across includes', () => {
  assert.deepEqual(errorsOf('include "base.thrift"\nservice M extends base.B {}\nservice V extends M { void ping() }', {
    '/idl/base.thrift': 'service B { void ping() }',
  }).map((e) => [e.code, e.line]), [[3012, 3]]);
});

test('DuplicateFunctionRule: sibling services may reuse names', () => {
  assert.deepEqual(errorsOf('service A { void f() }\nservice B { void f() }'), []);
});
