import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic, loadIdl } from '../../../src/idl';

function tempTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-idl-load-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

test('a directory input means every .thrift under it, recursively and sorted', (t) => {
  const root = tempTree({ 'b.thrift': 'struct B {}', 'a.thrift': 'struct A {}', 'sub/c.thrift': 'struct C {}', 'notes.txt': 'x' });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = loadIdl([root]);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.schema!.roots, ['a.thrift', 'b.thrift', 'sub/c.thrift'].map((f) => path.join(root, f)));
});

test('sources override the disk by absolute path and may add files that exist nowhere else', (t) => {
  const root = tempTree({ 'main.thrift': 'include "dep.thrift"\nstruct S { 1: dep.D d }', 'dep.thrift': 'struct D { 1: i32 onDisk }' });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const sources = new Map([[path.join(root, 'dep.thrift'), 'struct D { 1: i32 uploaded }'], [path.join(root, 'extra.thrift'), 'struct E {}']]);
  const r = loadIdl([root], { sources });
  const d = r.schema!.definitions.get('dep.D');
  assert.equal(d?.kind === 'struct' ? d.fields[0]!.name : '', 'uploaded');
  assert.ok(r.schema!.definitions.has('extra.E'));
});

test('include directories are searched after the including file', (t) => {
  const root = tempTree({ 'src/main.thrift': 'include "lib.thrift"\nstruct S { 1: lib.L l }', 'include/lib.thrift': 'struct L {}' });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  assert.equal(loadIdl([path.join(root, 'src/main.thrift')]).schema, undefined);
  assert.ok(loadIdl([path.join(root, 'src/main.thrift')], { includeDirs: [path.join(root, 'include')] }).schema);
});

test('a missing input is a located error and the schema is undefined', () => {
  const r = loadIdl(['/nonexistent/x.thrift']);
  assert.equal(r.schema, undefined);
  assert.deepEqual(r.diagnostics.map(formatDiagnostic), ['/nonexistent/x.thrift:1:1: error SLUICE2011: Input "/nonexistent/x.thrift" cannot be read.']);
});

test('loading never writes to stdout or stderr, even for broken IDL', () => {
  const writes: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const log = console.log;
  process.stdout.write = ((s: string) => { writes.push(s); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { writes.push(s); return true; }) as typeof process.stderr.write;
  console.log = (...a: unknown[]) => { writes.push(a.join(' ')); };
  try {
    loadIdl(['/idl/bad.thrift'], { sources: new Map([['/idl/bad.thrift', 'struct { namespace * x "\\q']]) });
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    console.log = log;
  }
  assert.deepEqual(writes, []);
});

test('the schema is frozen all the way down', () => {
  const r = loadIdl(['/idl/m.thrift'], { sources: new Map([['/idl/m.thrift', 'enum E { A }\nstruct S { 1: list<E> l = [E.A] (x = "y") }\nconst map<string, i32> M = {"a": 1}']]) });
  const s = r.schema!.definitions.get('m.S')!;
  assert.ok(Object.isFrozen(r.schema) && Object.isFrozen(s));
  if (s.kind !== 'struct') assert.fail();
  const f = s.fields[0]!;
  for (const o of [s.fields, f, f.type, f.default, f.annotations, f.annotations[0], f.loc]) assert.ok(Object.isFrozen(o));
  const m = r.schema!.definitions.get('m.M')!;
  assert.ok(m.kind === 'const' && Object.isFrozen(m.value) && m.value.kind === 'map' && Object.isFrozen(m.value.entries[0]));
});
