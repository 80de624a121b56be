/**
 * Turns the parsed include graph into the resolved model (src/idl/model.ts): every name qualified,
 * typedefs followed, enum values numbered, ids assigned, constants coerced. Reports what does not
 * resolve; the result may then be incomplete and is only handed out when no error was reported.
 */
import type { AstDefinition } from './ast';
import { buildAnnotations, buildFields } from './build-fields';
import { Diagnostics, createDiagnostic } from './diagnostics';
import { enumValues } from './enum-values';
import type { IncludeGraph, ParsedFile } from './include-graph';
import type { Definition, Diagnostic, FunctionDef, QualifiedName, Schema, ThriftFile } from './model';
import { resolveConstDef } from './resolve-consts';
import { resolveType, resolveTypedef, type ResolveContext } from './resolve-types';
import { Scope, isBefore } from './scope';

const I32_MIN = -(1n << 31n);
const I32_MAX = (1n << 31n) - 1n;

/** Builds the schema for `graph`; `roots` are the absolute paths the caller asked for. */
export function buildModel(graph: IncludeGraph, roots: ReadonlyArray<string>): { schema: Schema; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const scope = new Scope(graph, diagnostics);
  const ctx: ResolveContext = { scope, diagnostics, typedefs: new Map(), consts: new Map() };
  const files = new Map<string, ThriftFile>();
  const definitions = new Map<QualifiedName, Definition>();
  for (const [path, file] of graph.files) {
    const defs: Definition[] = [];
    for (const ast of file.ast.definitions) {
      const entry = scope.lookup(file, ast.name);
      if (entry?.def !== ast) continue; // a duplicate name, already reported
      const def = buildDefinition(ctx, file, ast, entry.qname);
      if (!def) continue;
      defs.push(def);
      definitions.set(def.qname, def);
    }
    const namespaces: Record<string, string> = {};
    for (const ns of file.ast.namespaces) namespaces[ns.scope] = ns.name;
    files.set(path, Object.freeze({
      path,
      name: file.prefix,
      namespaces: Object.freeze(namespaces),
      includes: Object.freeze(file.includes.map((i) => i.path)),
      definitions: Object.freeze(defs),
    }));
  }
  return { schema: Object.freeze({ files, roots: Object.freeze([...roots]), definitions }), diagnostics };
}

function buildDefinition(ctx: ResolveContext, file: ParsedFile, ast: AstDefinition, qname: QualifiedName): Definition | undefined {
  const base = { name: ast.name, qname, file: file.ast.path, annotations: buildAnnotations(ast.annotations), doc: ast.doc, loc: ast.loc };
  switch (ast.kind) {
    case 'struct':
    case 'union':
    case 'exception':
      return Object.freeze({ ...base, kind: ast.kind, fields: Object.freeze(buildFields(ctx, file, ast.fields, ast.kind)) });
    case 'enum': {
      const values = enumValues(ast);
      const seen = new Set<string>();
      const members = ast.members.map((m, i) => {
        const value = values[i]!;
        if (value < I32_MIN || value > I32_MAX) ctx.diagnostics.push(createDiagnostic(Diagnostics.EnumValueOutOfRange, m.loc, value, m.name));
        if (seen.has(m.name)) ctx.diagnostics.push(createDiagnostic(Diagnostics.DuplicateEnumMember, m.loc, `${ast.name}.${m.name}`));
        seen.add(m.name);
        return Object.freeze({ name: m.name, value: Number(value), annotations: buildAnnotations(m.annotations), doc: m.doc, loc: m.loc });
      });
      return Object.freeze({ ...base, kind: 'enum', members: Object.freeze(members) });
    }
    case 'typedef': {
      const resolved = resolveTypedef(ctx, ctx.scope.byQname(qname)!);
      return resolved && Object.freeze({ ...base, kind: 'typedef', type: resolved.type });
    }
    case 'const': {
      const resolved = resolveConstDef(ctx, ctx.scope.byQname(qname)!);
      return resolved && Object.freeze({ ...base, kind: 'const', type: resolved.type, value: resolved.value });
    }
    case 'service': {
      let ext: QualifiedName | undefined;
      if (ast.extends) {
        const sym = ctx.scope.lookup(file, ast.extends.name);
        // 0.17 resolves `extends` while parsing: the base must be a service defined earlier.
        const earlier = sym && (sym.file !== file || isBefore(sym.def.loc, ast.loc));
        if (!sym || sym.def.kind !== 'service' || !earlier) ctx.diagnostics.push(createDiagnostic(Diagnostics.UndefinedService, ast.extends.loc, ast.extends.name));
        else ext = sym.qname;
      }
      const functions = ast.functions.map((f): FunctionDef => {
        const returnType = f.returnType === undefined ? { kind: 'void' as const } : resolveType(ctx, file, f.returnType)?.type ?? { kind: 'void' as const };
        return Object.freeze({
          name: f.name,
          oneway: f.oneway,
          returnType: Object.freeze(returnType),
          args: Object.freeze(buildFields(ctx, file, f.args, 'args')),
          throws: Object.freeze(buildFields(ctx, file, f.throws, 'throws')),
          annotations: buildAnnotations(f.annotations),
          doc: f.doc,
          loc: f.loc,
          service: qname,
        });
      });
      return Object.freeze({ ...base, kind: 'service', extends: ext, functions: Object.freeze(functions) });
    }
  }
}
