import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, schemaOf } from './harness';

const field = (schema: ReturnType<typeof schemaOf>, struct: string, name: string) => {
  const def = schema.definitions.get(struct);
  return def?.kind === 'struct' ? def.fields.find((f) => f.name === name) : undefined;
};

test('typedef chains resolve to the real type and record the aliases crossed, outermost first', () => {
  const schema = schemaOf('typedef i64 Id\ntypedef Id UserId\nstruct S { 1: UserId u, 2: list<UserId> l }');
  assert.deepEqual(field(schema, 'main.S', 'u')!.type, { kind: 'i64' });
  assert.deepEqual(field(schema, 'main.S', 'u')!.typedefs, ['main.UserId', 'main.Id']);
  assert.deepEqual(field(schema, 'main.S', 'l')!.type, { kind: 'list', elem: { kind: 'i64' } });
  assert.deepEqual(field(schema, 'main.S', 'l')!.typedefs, []);
  const td = schema.definitions.get('main.UserId');
  assert.deepEqual(td?.kind === 'typedef' ? td.type : undefined, { kind: 'i64' });
});

test('typedefs and struct fields may refer forward', () => {
  const schema = schemaOf('typedef Later Alias\nstruct S { 1: Alias a, 2: Later b }\nstruct Later {}');
  assert.deepEqual(field(schema, 'main.S', 'a')!.type, { kind: 'struct', name: 'main.Later' });
});

test('byte is i8; enums and structs become qualified references', () => {
  const schema = schemaOf('enum E { A }\nstruct T {}\nstruct S { 1: byte b, 2: E e, 3: map<E, T> m }');
  assert.deepEqual(field(schema, 'main.S', 'b')!.type, { kind: 'i8' });
  assert.deepEqual(field(schema, 'main.S', 'e')!.type, { kind: 'enum', name: 'main.E' });
  assert.deepEqual(field(schema, 'main.S', 'm')!.type, { kind: 'map', key: { kind: 'enum', name: 'main.E' }, value: { kind: 'struct', name: 'main.T' } });
});

test('a typedef cycle is an error, not a hang', () => {
  assert.deepEqual(errorsOf('typedef A B\ntypedef B A\nstruct S { 1: A a }').map((e) => e.code), [2010]);
});

test('uuid is not a type in 0.17 unless the IDL defines it', () => {
  assert.deepEqual(errorsOf('struct S { 1: uuid id }'), [{ code: 2003, message: 'Type "uuid" is not defined.', line: 1, column: 15 }]);
  const schema = schemaOf('typedef string uuid\nstruct S { 1: uuid id }');
  assert.deepEqual(field(schema, 'main.S', 'id')!.type, { kind: 'string' });
});

test('a service or constant used as a type is an error', () => {
  assert.deepEqual(errorsOf('service V {}\nconst i32 C = 1\nstruct S { 1: V v, 2: C c }').map((e) => [e.code, e.message]), [
    [2008, '"V" is a service, not a type.'], [2008, '"C" is a const, not a type.'],
  ]);
});

test('a name defined twice in one file is an error', () => {
  assert.deepEqual(errorsOf('struct S {}\nenum S { A }').map((e) => [e.code, e.line]), [[2005, 2]]);
});
