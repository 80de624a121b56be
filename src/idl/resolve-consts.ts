/**
 * Resolves constant values (const definitions and field defaults) against the type they are used at,
 * with 0.17's coercions: integers to double, any integer to bool, strings to binary, `[…]` or `{}` to
 * sets, struct literals keyed by field name, enum values written `E.X`, and references to constants
 * defined earlier. i64 stays exact (bigint).
 */
import type { SourceLocation } from '../errors';
import type { AstConst, AstType } from './ast';
import { Diagnostics, createDiagnostic, type DiagnosticMessage } from './diagnostics';
import { enumValues } from './enum-values';
import type { ParsedFile } from './include-graph';
import type { ConstValue, TypeRef } from './model';
import { resolveType, type ResolveContext } from './resolve-types';
import { isBefore, type SymbolEntry } from './scope';

const INT_RANGES: Record<string, readonly [bigint, bigint]> = {
  i8: [-(1n << 7n), (1n << 7n) - 1n],
  i16: [-(1n << 15n), (1n << 15n) - 1n],
  i32: [-(1n << 31n), (1n << 31n) - 1n],
  i64: [-(1n << 63n), (1n << 63n) - 1n],
};

/** What a value is checked for: the name it is reported under (`const "X"` / field `x`). */
interface Target { readonly label: string }

/** Resolves `ast` (written in `file`) as a value of `type`; reports and returns undefined on mismatch. */
export function resolveConst(ctx: ResolveContext, file: ParsedFile, ast: AstConst, type: TypeRef, target: Target): ConstValue | undefined {
  const mismatch = (): undefined => {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.ConstTypeMismatch, ast.loc, target.label, typeName(type)));
    return undefined;
  };
  switch (ast.kind) {
    case 'int':
      return coerceInt(ctx, ast.value, type, ast.loc, target) ?? undefined;
    case 'double':
      return type.kind === 'double' ? freeze({ kind: 'double', value: ast.value }) : mismatch();
    case 'string':
      if (type.kind === 'string') return freeze({ kind: 'string', value: ast.value });
      if (type.kind === 'binary') return freeze({ kind: 'binary', value: new Uint8Array(Buffer.from(ast.value, 'utf8')) });
      return mismatch();
    case 'ident':
      return resolveIdent(ctx, file, ast, type, target);
    case 'list': {
      if (type.kind !== 'list' && type.kind !== 'set') return mismatch();
      const items = ast.items.map((i) => resolveConst(ctx, file, i, type.elem, target));
      return items.every((i) => i !== undefined) ? freeze({ kind: 'list', items: Object.freeze(items as ConstValue[]) }) : undefined;
    }
    case 'map':
      if ((type.kind === 'list' || type.kind === 'set') && ast.entries.length === 0) return freeze({ kind: 'list', items: Object.freeze([]) });
      if (type.kind === 'map') {
        const entries = ast.entries.map(([k, v]) => [resolveConst(ctx, file, k, type.key, target), resolveConst(ctx, file, v, type.value, target)] as const);
        if (!entries.every(([k, v]) => k !== undefined && v !== undefined)) return undefined;
        return freeze({ kind: 'map', entries: Object.freeze(entries.map((e) => Object.freeze(e)) as Array<readonly [ConstValue, ConstValue]>) });
      }
      if (type.kind === 'struct') return resolveStructLiteral(ctx, file, ast, type.name, target);
      return mismatch();
  }
}

function resolveStructLiteral(ctx: ResolveContext, file: ParsedFile, ast: AstConst & { kind: 'map' }, qname: string, target: Target): ConstValue | undefined {
  const sym = ctx.scope.byQname(qname)!;
  if (sym.def.kind !== 'struct' && sym.def.kind !== 'union' && sym.def.kind !== 'exception') return undefined;
  const fields: Array<{ name: string; value: ConstValue }> = [];
  let ok = true;
  for (const [k, v] of ast.entries) {
    if (k.kind !== 'string') {
      ctx.diagnostics.push(createDiagnostic(Diagnostics.ConstTypeMismatch, k.loc, target.label, 'string'));
      ok = false;
      continue;
    }
    const field = sym.def.fields.find((f) => f.name === k.value);
    if (!field) {
      ctx.diagnostics.push(createDiagnostic(Diagnostics.UnknownStructField, k.loc, sym.def.name, k.value));
      ok = false;
      continue;
    }
    const fieldType = resolveType(ctx, sym.file, field.type);
    const value = fieldType && resolveConst(ctx, file, v, fieldType.type, { label: field.name });
    if (value === undefined) {
      ok = false;
      continue;
    }
    // 0.17 accepts a repeated key and generated code assigns both, so the last one wins.
    const at = fields.findIndex((f) => f.name === field.name);
    if (at >= 0) fields[at] = { name: field.name, value };
    else fields.push({ name: field.name, value });
  }
  return ok ? freeze({ kind: 'struct', fields: Object.freeze(fields.map((f) => Object.freeze(f))) }) : undefined;
}

function coerceInt(ctx: ResolveContext, value: bigint, type: TypeRef, loc: SourceLocation, target: Target): ConstValue | undefined {
  const range = INT_RANGES[type.kind];
  if (range) {
    // 0.17 accepts out-of-range literals (`const i8 X = 300`); we warn rather than refuse what it loads.
    // Beyond i64 the lexer has already reported the literal.
    if ((value < range[0] || value > range[1]) && value >= INT_RANGES.i64![0] && value <= INT_RANGES.i64![1]) ctx.diagnostics.push(createDiagnostic(Diagnostics.IntegerOutOfRange, loc, value, type.kind));
    return freeze({ kind: 'int', value });
  }
  if (type.kind === 'bool') return freeze({ kind: 'bool', value: value !== 0n });
  if (type.kind === 'double') return freeze({ kind: 'double', value: Number(value) });
  if (type.kind === 'enum') {
    const sym = ctx.scope.byQname(type.name)!;
    if (sym.def.kind === 'enum' && !enumValues(sym.def).includes(value)) {
      ctx.diagnostics.push(createDiagnostic(Diagnostics.UnknownEnumValue, loc, sym.def.name, value));
      return undefined;
    }
    return freeze({ kind: 'int', value });
  }
  ctx.diagnostics.push(createDiagnostic(Diagnostics.ConstTypeMismatch, loc, target.label, typeName(type)));
  return undefined;
}

/** `Name` / `prefix.Name` of a constant defined earlier, or `E.X` / `prefix.E.X` of an enum value. */
function resolveIdent(ctx: ResolveContext, file: ParsedFile, ast: AstConst & { kind: 'ident' }, type: TypeRef, target: Target): ConstValue | undefined {
  // 0.17 substitutes identifiers only where a scalar is expected.
  if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map' || type.kind === 'struct') {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.ConstTypeMismatch, ast.loc, target.label, typeName(type)));
    return undefined;
  }
  if (type.kind === 'enum') return resolveEnumIdent(ctx, ast, type.name);
  const sym = ctx.scope.lookup(file, ast.name);
  if (sym && sym.def.kind === 'const' && definedBefore(sym, ast.loc)) {
    // 0.17 substitutes the referenced constant's value as already coerced to its own type.
    const referenced = resolveConstDef(ctx, sym);
    return referenced && convertScalar(ctx, referenced.value, type, ast.loc, target);
  }
  const dot = ast.name.lastIndexOf('.');
  if (dot > 0) {
    const enumSym = ctx.scope.lookup(file, ast.name.slice(0, dot));
    if (enumSym && enumSym.def.kind === 'enum' && definedBefore(enumSym, ast.loc)) {
      const index = enumSym.def.members.findIndex((m) => m.name === ast.name.slice(dot + 1));
      if (index >= 0) return coerceInt(ctx, enumValues(enumSym.def)[index]!, type, ast.loc, target);
    }
  }
  ctx.diagnostics.push(createDiagnostic(Diagnostics.UndefinedConstant, ast.loc, ast.name));
  return undefined;
}

/** A const definition's type and value, resolved once (memoized); undefined when either fails. */
export function resolveConstDef(ctx: ResolveContext, sym: SymbolEntry): { type: TypeRef; value: ConstValue } | undefined {
  const memo = ctx.consts.get(sym.qname);
  if (memo === 'pending') return undefined;
  if (ctx.consts.has(sym.qname)) return memo;
  if (sym.def.kind !== 'const') return undefined;
  ctx.consts.set(sym.qname, 'pending');
  let result: { type: TypeRef; value: ConstValue } | undefined;
  if (checkTypeDefinedBefore(ctx, sym.file, sym.def.type, sym.def.loc)) {
    const type = resolveType(ctx, sym.file, sym.def.type);
    const value = type && resolveConst(ctx, sym.file, sym.def.value, type.type, { label: sym.def.name });
    result = type && value ? { type: type.type, value } : undefined;
  }
  ctx.consts.set(sym.qname, result);
  return result;
}

/** A resolved scalar constant used where `type` is expected (bools count as the integers 0/1, as in 0.17). */
function convertScalar(ctx: ResolveContext, value: ConstValue, type: TypeRef, loc: SourceLocation, target: Target): ConstValue | undefined {
  switch (value.kind) {
    case 'int':
      return coerceInt(ctx, value.value, type, loc, target);
    case 'bool':
      return coerceInt(ctx, value.value ? 1n : 0n, type, loc, target);
    case 'double':
      if (type.kind === 'double') return value;
      break;
    case 'string':
    case 'binary': {
      const text = value.kind === 'string' ? value.value : Buffer.from(value.value).toString('utf8');
      if (type.kind === 'string') return freeze({ kind: 'string', value: text });
      if (type.kind === 'binary') return freeze({ kind: 'binary', value: new Uint8Array(Buffer.from(text, 'utf8')) });
      break;
    }
    default:
      break;
  }
  ctx.diagnostics.push(createDiagnostic(Diagnostics.ConstTypeMismatch, loc, target.label, typeName(type)));
  return undefined;
}

/**
 * An identifier where an enum is expected. 0.17 requires a qualified name, drops its first one or two
 * dotted parts (`E.X`, `prefix.E.X`) and looks the rest up in the expected enum, whatever the prefix
 * says; constant names are not accepted here. We do the same so that what 0.17 loads loads alike.
 */
function resolveEnumIdent(ctx: ResolveContext, ast: AstConst & { kind: 'ident' }, enumQname: string): ConstValue | undefined {
  const sym = ctx.scope.byQname(enumQname)!;
  if (sym.def.kind !== 'enum') return undefined;
  const parts = ast.name.split('.');
  if (parts.length === 1) {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.UnqualifiedEnumValue, ast.loc, ast.name));
    return undefined;
  }
  const member = parts.length <= 3 ? parts[parts.length - 1] : undefined;
  const index = sym.def.members.findIndex((m) => m.name === member);
  if (index < 0) {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.UnknownEnumValue, ast.loc, sym.def.name, ast.name));
    return undefined;
  }
  if (parts.length >= 2 && parts[parts.length - 2] !== sym.def.name) {
    ctx.diagnostics.push(createDiagnostic(Diagnostics.EnumPrefixIgnored, ast.loc, ast.name, `${sym.def.name}.${member}`));
  }
  return freeze({ kind: 'int', value: enumValues(sym.def)[index]! });
}

/** 0.17 resolves constant references while parsing, so a same-file target must come first. */
function definedBefore(sym: SymbolEntry, use: SourceLocation): boolean {
  return sym.file.ast.path !== use.file || isBefore(sym.def.loc, use);
}

/**
 * Reports (as `entry`) a named type of `ast` that is defined in the same file after `use`: 0.17 checks
 * constant values and throws clauses while parsing, so their types must already be known
 * (`Type "E" not defined`).
 */
export function checkTypeDefinedBefore(ctx: ResolveContext, file: ParsedFile, ast: AstType, use: SourceLocation, entry: DiagnosticMessage = Diagnostics.ConstBeforeUse, seen = new Set<string>()): boolean {
  switch (ast.kind) {
    case 'base':
      return true;
    case 'list':
    case 'set':
      return checkTypeDefinedBefore(ctx, file, ast.elem, use, entry, seen);
    case 'map':
      return checkTypeDefinedBefore(ctx, file, ast.key, use, entry, seen) && checkTypeDefinedBefore(ctx, file, ast.value, use, entry, seen);
    case 'named': {
      const sym = ctx.scope.lookup(file, ast.name);
      if (!sym) return true;
      if (!definedBefore(sym, use)) {
        ctx.diagnostics.push(createDiagnostic(entry, ast.loc, ast.name));
        return false;
      }
      // A typedef defined earlier may still point forward (`typedef F T … typedef i64 F`): 0.17 needs
      // the end of the chain too.
      if (sym.def.kind !== 'typedef' || seen.has(sym.qname)) return true;
      seen.add(sym.qname);
      return checkTypeDefinedBefore(ctx, sym.file, sym.def.type, use, entry, seen);
    }
  }
}

/** Human-readable type for messages (`list<i32>`, `people.Person`). */
export function typeName(t: TypeRef): string {
  switch (t.kind) {
    case 'list':
    case 'set':
      return `${t.kind}<${typeName(t.elem)}>`;
    case 'map':
      return `map<${typeName(t.key)},${typeName(t.value)}>`;
    case 'enum':
    case 'struct':
      return t.name;
    default:
      return t.kind;
  }
}

function freeze<T extends ConstValue>(v: T): T {
  return Object.freeze(v);
}
