/**
 * Resolves written types to model TypeRefs: `byte` becomes i8, typedef chains (forward references
 * allowed, as in 0.17) are followed to the real type, and named types become fully qualified names.
 */
import type { AstType } from './ast';
import { Diagnostics, createDiagnostic } from './diagnostics';
import type { ParsedFile } from './include-graph';
import type { ConstValue, Diagnostic, QualifiedName, TypeRef } from './model';
import type { Scope, SymbolEntry } from './scope';

export interface ResolvedType {
  readonly type: TypeRef;
  /** Typedefs crossed to reach `type`, outermost first. */
  readonly typedefs: ReadonlyArray<QualifiedName>;
}

export interface ResolveContext {
  readonly scope: Scope;
  readonly diagnostics: Diagnostic[];
  /** Typedef qname → resolution; 'pending' while being resolved (cycle detection). */
  readonly typedefs: Map<string, ResolvedType | undefined | 'pending'>;
  /** Const qname → its declared type and value, once resolved ('pending' while being resolved). */
  readonly consts: Map<string, { readonly type: TypeRef; readonly value: ConstValue } | undefined | 'pending'>;
}

/** Resolves `ast` as written in `file`; reports and returns undefined when a name does not resolve. */
export function resolveType(ctx: ResolveContext, file: ParsedFile, ast: AstType): ResolvedType | undefined {
  switch (ast.kind) {
    case 'base':
      return { type: Object.freeze({ kind: ast.name === 'byte' ? 'i8' : ast.name }), typedefs: [] };
    case 'list':
    case 'set': {
      const elem = resolveType(ctx, file, ast.elem);
      return elem && { type: Object.freeze({ kind: ast.kind, elem: elem.type }), typedefs: [] };
    }
    case 'map': {
      const key = resolveType(ctx, file, ast.key);
      const value = resolveType(ctx, file, ast.value);
      return key && value && { type: Object.freeze({ kind: 'map', key: key.type, value: value.type }), typedefs: [] };
    }
    case 'named': {
      const sym = ctx.scope.lookup(file, ast.name);
      if (!sym) {
        ctx.diagnostics.push(createDiagnostic(Diagnostics.UndefinedType, ast.loc, ast.name));
        return undefined;
      }
      return resolveSymbolType(ctx, sym, ast);
    }
  }
}

function resolveSymbolType(ctx: ResolveContext, sym: SymbolEntry, ast: AstType & { kind: 'named' }): ResolvedType | undefined {
  const def = sym.def;
  switch (def.kind) {
    case 'struct':
    case 'union':
    case 'exception':
      return { type: Object.freeze({ kind: 'struct', name: sym.qname }), typedefs: [] };
    case 'enum':
      return { type: Object.freeze({ kind: 'enum', name: sym.qname }), typedefs: [] };
    case 'typedef': {
      const inner = resolveTypedef(ctx, sym);
      return inner && { type: inner.type, typedefs: [sym.qname, ...inner.typedefs] };
    }
    default:
      ctx.diagnostics.push(createDiagnostic(Diagnostics.NotAType, ast.loc, ast.name, def.kind));
      return undefined;
  }
}

/** Resolves the target of a typedef symbol once (memoized); a self-referencing chain is reported. */
export function resolveTypedef(ctx: ResolveContext, sym: SymbolEntry): ResolvedType | undefined {
  if (sym.def.kind !== 'typedef') return undefined;
  const memo = ctx.typedefs.get(sym.qname);
  if (memo === 'pending') {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.TypedefCycle, sym.def.nameLoc, sym.def.name));
    ctx.typedefs.set(sym.qname, undefined);
    return undefined;
  }
  if (ctx.typedefs.has(sym.qname)) return memo;
  ctx.typedefs.set(sym.qname, 'pending');
  const resolved = resolveType(ctx, sym.file, sym.def.type);
  if (ctx.typedefs.get(sym.qname) === 'pending') ctx.typedefs.set(sym.qname, resolved);
  return ctx.typedefs.get(sym.qname) as ResolvedType | undefined;
}
