import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allFunctions, annotationValues, findDefinition, formatDiagnostic } from '../../../src/idl';
import { compileIdlSource } from '../../../src/idl';
import { schemaOf } from './harness';

test('allFunctions lists inherited functions first, root of the extends chain first, across includes', () => {
  const schema = schemaOf('include "base.thrift"\nservice Mid extends base.Root { void m() }\nservice Leaf extends Mid { void l1(), void l2() }', {
    '/idl/base.thrift': 'service Root { void r() }',
  });
  assert.deepEqual(allFunctions(schema, 'main.Leaf').map((f) => [f.name, f.service]), [
    ['r', 'base.Root'], ['m', 'main.Mid'], ['l1', 'main.Leaf'], ['l2', 'main.Leaf'],
  ]);
  assert.deepEqual(allFunctions(schema, 'main.Nope'), []);
  const leaf = findDefinition(schema, 'main.Leaf');
  assert.equal(leaf?.kind === 'service' ? leaf.extends : '', 'main.Mid');
});

test('findDefinition looks up by qualified name only', () => {
  const schema = schemaOf('struct S {}');
  assert.equal(findDefinition(schema, 'main.S')?.kind, 'struct');
  assert.equal(findDefinition(schema, 'S'), undefined);
});

test('annotationValues returns every value of a name in source order', () => {
  const schema = schemaOf('service V { void f() (api.get = "/a", other = "x", api.get = "/b", api.flag) }');
  const [f] = allFunctions(schema, 'main.V');
  assert.deepEqual(annotationValues(f!.annotations, 'api.get'), ['/a', '/b']);
  assert.deepEqual(annotationValues(f!.annotations, 'api.flag'), ['']);
  assert.deepEqual(annotationValues(f!.annotations, 'missing'), []);
});

test('formatDiagnostic prints file:line:col: severity SLUICEcode: message', () => {
  const [d] = compileIdlSource('struct S {\n  1: Missing m\n}', { path: '/idl/x.thrift' }).diagnostics;
  assert.equal(formatDiagnostic(d!), '/idl/x.thrift:2:6: error SLUICE2003: Type "Missing" is not defined.');
});
