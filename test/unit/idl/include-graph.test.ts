import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticsOf, errorsOf, schemaOf } from './harness';

test('includes resolve relative to the including file before the include directories', () => {
  const schema = schemaOf('include "dep.thrift"\nstruct S { 1: dep.T t }', {
    '/idl/dep.thrift': 'struct T { 1: i32 relative }',
    '/inc/dep.thrift': 'struct T { 1: i32 fromIncludeDir }',
  }, ['/inc']);
  const t = schema.definitions.get('dep.T');
  assert.equal(t?.kind === 'struct' ? t.fields[0]!.name : '', 'relative');
  assert.equal(t?.file, '/idl/dep.thrift');
});

test('an include not found relatively is searched in each -I directory in order', () => {
  const schema = schemaOf('include "dep.thrift"\nstruct S { 1: dep.T t }', {
    '/a/dep.thrift': 'struct T { 1: i32 fromA }',
    '/b/dep.thrift': 'struct T { 1: i32 fromB }',
  }, ['/b', '/a']);
  assert.equal(schema.definitions.get('dep.T')?.file, '/b/dep.thrift');
});

test('an include cycle is an error at the include line, not a crash', () => {
  assert.deepEqual(errorsOf('include "a.thrift"\nstruct S {}', {
    '/idl/a.thrift': 'include "b.thrift"\nstruct A {}',
    '/idl/b.thrift': 'include "a.thrift"\nstruct B {}',
  }), [{ code: 2002, message: 'Include cycle: a.thrift -> b.thrift -> a.thrift.', line: 1, column: 1 }]);
  assert.deepEqual(errorsOf('include "main.thrift"').map((e) => e.code), [2002]);
});

test('includes are not transitive', () => {
  const files = { '/idl/mid.thrift': 'include "leaf.thrift"\nstruct M { 1: leaf.L l }', '/idl/leaf.thrift': 'struct L {}' };
  assert.deepEqual(errorsOf('include "mid.thrift"\nstruct S { 1: leaf.L l }', files), [{ code: 2003, message: 'Type "leaf.L" is not defined.', line: 2, column: 15 }]);
});

test('included names need their file prefix', () => {
  assert.deepEqual(errorsOf('include "dep.thrift"\nstruct S { 1: T t }', { '/idl/dep.thrift': 'struct T {}' }).map((e) => e.code), [2003]);
});

test('a missing include only warns, as in 0.17; using it fails', () => {
  assert.deepEqual(diagnosticsOf('include "nope.thrift"\nstruct S {}').map((d) => d.code), [2001]);
  assert.deepEqual(errorsOf('include "nope.thrift"\nstruct S { 1: nope.T t }').map((d) => d.code), [2003]);
});

test('two included files with the same base name are an error (qualified names would clash)', () => {
  assert.deepEqual(errorsOf('include "x/c.thrift"\ninclude "y/c.thrift"\nstruct S {}', {
    '/idl/x/c.thrift': 'struct A {}', '/idl/y/c.thrift': 'struct B {}',
  }).map((e) => [e.code, e.line]), [[2006, 2]]);
});

test('a file included twice, directly and through another file, is loaded once', () => {
  const schema = schemaOf('include "a.thrift"\ninclude "shared.thrift"\nstruct S { 1: a.A a, 2: shared.X x }', {
    '/idl/a.thrift': 'include "shared.thrift"\nstruct A { 1: shared.X x }',
    '/idl/shared.thrift': 'struct X {}',
  });
  assert.deepEqual([...schema.files.keys()].sort(), ['/idl/a.thrift', '/idl/main.thrift', '/idl/shared.thrift']);
  assert.deepEqual(schema.roots, ['/idl/main.thrift']);
  assert.deepEqual(schema.files.get('/idl/main.thrift')!.includes, ['/idl/a.thrift', '/idl/shared.thrift']);
});
