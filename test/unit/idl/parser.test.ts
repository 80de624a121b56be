import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIdl } from '../../../src/idl/parser';

const parse = (src: string) => parseIdl(src, '/p.thrift');
const codes = (src: string) => parse(src).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.loc.line, d.loc.column]);

test('namespace `*` and annotations on namespaces parse (thrift-parser rejects both)', () => {
  const { ast, diagnostics } = parse('namespace * a.b\nnamespace xsd test (uri = "x")\nnamespace py c');
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(ast.namespaces.map((n) => [n.scope, n.name]), [['*', 'a.b'], ['xsd', 'test'], ['py', 'c']]);
});

test('const lists and maps need no separators, and accept `;`', () => {
  const { ast, diagnostics } = parse('const list<i32> L = [1 2; 3,]\nconst map<i32,i32> M = {1:2 3:4; 5:6}');
  assert.deepEqual(diagnostics, []);
  const [l, m] = ast.definitions;
  assert.equal(l?.kind === 'const' && l.value.kind === 'list' ? l.value.items.length : -1, 3);
  assert.equal(m?.kind === 'const' && m.value.kind === 'map' ? m.value.entries.length : -1, 3);
});

test('typedef and const take a trailing separator; structs, enums and services do not', () => {
  assert.deepEqual(codes('typedef string S;\nconst i32 X = 1,'), []);
  assert.deepEqual(codes('struct S {};'), [[1006, 1, 12]]);
});

test('xsd_* modifiers, cpp_type, `&` and type annotations are accepted and ignored', () => {
  const { ast, diagnostics } = parse([
    'struct X xsd_all {',
    '  1: string a xsd_optional xsd_nillable xsd_attrs { 1: i32 attr },',
    '  2: map cpp_type "M" <i32, i32> m, 3: list<i32> cpp_type "L" l, 4: set cpp_type "S" <i32> s,',
    '  5: X & me, 6: string (python.immutable = "") t',
    '}',
  ].join('\n'));
  assert.deepEqual(diagnostics, []);
  const s = ast.definitions[0]!;
  assert.deepEqual(s.kind === 'struct' ? s.fields.map((f) => [f.name, f.type.kind]) : [], [['a', 'base'], ['m', 'map'], ['l', 'list'], ['s', 'set'], ['me', 'named'], ['t', 'base']]);
});

test('annotations keep order, repeats and valueless entries', () => {
  const { ast } = parse('service S { void f() (api.get = "/a", api.get = "/b"; flag) }');
  const svc = ast.definitions[0]!;
  assert.deepEqual(svc.kind === 'service' ? svc.functions[0]!.annotations.map((a) => [a.name, a.value]) : [], [['api.get', '/a'], ['api.get', '/b'], ['flag', undefined]]);
});

test('oneway and the deprecated async both mark a function oneway', () => {
  const { ast } = parse('service S { oneway void a(), async void b(), void c() }');
  const svc = ast.definitions[0]!;
  assert.deepEqual(svc.kind === 'service' ? svc.functions.map((f) => f.oneway) : [], [true, true, false]);
});

test('keywords cannot be names, reserved words are reported, removed keywords rejected', () => {
  assert.deepEqual(codes('struct S { 1: i32 map }'), [[1006, 1, 19]]);
  assert.deepEqual(codes('struct S { 1: i32 class }'), [[1007, 1, 19]]);
  assert.deepEqual(codes('struct S { 1: slist s }'), [[1008, 1, 15]]);
  assert.deepEqual(codes('senum S {}'), [[1008, 1, 1]]);
  assert.deepEqual(codes('cpp_namespace x'), [[1010, 1, 1]]);
});

test('headers after the first definition are an error', () => {
  assert.deepEqual(codes('struct S {}\ninclude "x.thrift"'), [[1009, 2, 1]]);
});

test('parsing recovers at the next definition and reports each broken one', () => {
  const { ast, diagnostics } = parse('struct A { 1: i32 }\nstruct B { 1: i32 ok }\nenum C { = }\nconst i32 D = 1');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.loc.line]), [[1006, 1], [1006, 3]]);
  assert.deepEqual(ast.definitions.map((d) => d.name), ['B', 'D']);
});

test('doc comments reach definitions, fields, enum members and functions', () => {
  const { ast } = parse('/** S doc */ struct S { /** f doc */ 1: i32 f }\n/** E */ enum E { /** m */ M }\nservice V { /** fn */ void g() }');
  const [s, e, v] = ast.definitions;
  assert.equal(s!.doc, 'S doc');
  assert.equal(s!.kind === 'struct' ? s.fields[0]!.doc : '', 'f doc');
  assert.equal(e!.kind === 'enum' ? e.members[0]!.doc : '', 'm');
  assert.equal(v!.kind === 'service' ? v.functions[0]!.doc : '', 'fn');
});
