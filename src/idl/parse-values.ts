/**
 * Parser productions for the pieces definitions share: field types, constant values, annotations and
 * names. Productions are quoted from Apache Thrift 0.17's `thrifty.yy`.
 */
import type { AstAnnotation, AstBaseName, AstConst, AstType } from './ast';
import { Diagnostics } from './diagnostics';
import { IDL_KEYWORDS, RESERVED_WORDS, UNSUPPORTED_NAMESPACE_KEYWORDS } from './reserved-words';
import type { TokenStream } from './token-stream';

const BASE_NAMES: ReadonlySet<string> = new Set(['bool', 'byte', 'i8', 'i16', 'i32', 'i64', 'double', 'string', 'binary']);

/** Aborts on keywords 0.17 removed or never supports (`slist`, `senum`, `cpp_namespace`…). */
export function rejectRemovedKeyword(ts: TokenStream): void {
  const t = ts.peek;
  if (t.kind !== 'ident') return;
  if (t.text === 'slist' || t.text === 'senum') ts.abort(Diagnostics.RemovedKeyword, ts.loc, t.text);
  if (UNSUPPORTED_NAMESPACE_KEYWORDS.has(t.text)) ts.abort(Diagnostics.UnsupportedNamespaceKeyword, ts.loc, t.text);
}

/** `tok_identifier` in a name position: not a keyword, and (when `checkReserved`, i.e. a declared name) neither dotted nor a reserved word. */
export function parseName(ts: TokenStream, what: string, checkReserved = true): string {
  rejectRemovedKeyword(ts);
  const t = ts.peek;
  if (t.kind !== 'ident' || IDL_KEYWORDS.has(t.text)) ts.fail(what);
  if (checkReserved && t.text.includes('.')) ts.report(Diagnostics.DottedName, ts.loc, t.text);
  else if (checkReserved && RESERVED_WORDS.has(t.text)) ts.report(Diagnostics.ReservedKeyword, ts.loc, t.text);
  return ts.next().text;
}

/** `CommaOrSemicolonOptional: ',' | ';' | empty` */
export function skipSeparator(ts: TokenStream): void {
  if (!ts.accept(',')) ts.accept(';');
}

/** `TypeAnnotations: '(' TypeAnnotationList ')' | empty`; `TypeAnnotation: tok_identifier ('=' tok_literal)? CommaOrSemicolonOptional` */
export function parseAnnotations(ts: TokenStream): AstAnnotation[] {
  const out: AstAnnotation[] = [];
  if (!ts.accept('(')) return out;
  while (!ts.is(')')) {
    const loc = ts.loc;
    const name = parseName(ts, 'an annotation name', false);
    let value: string | undefined;
    if (ts.accept('=')) {
      if (ts.peek.kind !== 'string') ts.fail('a string literal');
      value = ts.next().text;
    }
    out.push({ name, value, loc });
    skipSeparator(ts);
  }
  ts.next();
  return out;
}

/** `CppType: tok_cpp_type tok_literal | empty` (accepted and ignored). */
function skipCppType(ts: TokenStream): void {
  if (!ts.accept('cpp_type')) return;
  if (ts.peek.kind !== 'string') ts.fail('a string literal');
  ts.next();
}

/**
 * `FieldType: tok_identifier | BaseType | ContainerType`, with
 * `MapType: tok_map CppType '<' FieldType ',' FieldType '>'`, `SetType: tok_set CppType '<' FieldType '>'`,
 * `ListType: tok_list '<' FieldType '>' CppType`; base and container types take trailing TypeAnnotations.
 */
export function parseType(ts: TokenStream): AstType {
  rejectRemovedKeyword(ts);
  const t = ts.peek;
  const loc = ts.loc;
  if (t.kind !== 'ident') ts.fail('a type');
  let type: AstType;
  if (BASE_NAMES.has(t.text)) {
    ts.next();
    if (t.text === 'byte') ts.report(Diagnostics.ByteDeprecated, loc);
    type = { kind: 'base', name: t.text as AstBaseName, loc };
  } else if (t.text === 'map') {
    ts.next();
    skipCppType(ts);
    ts.expect('<');
    const key = parseType(ts);
    ts.expect(',');
    const value = parseType(ts);
    ts.expect('>');
    type = { kind: 'map', key, value, loc };
  } else if (t.text === 'set' || t.text === 'list') {
    ts.next();
    if (t.text === 'set') skipCppType(ts);
    ts.expect('<');
    const elem = parseType(ts);
    ts.expect('>');
    if (t.text === 'list') skipCppType(ts);
    type = { kind: t.text, elem, loc };
  } else {
    if (IDL_KEYWORDS.has(t.text)) ts.fail('a type');
    ts.next();
    return { kind: 'named', name: t.text, loc };
  }
  parseAnnotations(ts);
  return type;
}

/**
 * `ConstValue: tok_int_constant | tok_dub_constant | tok_literal | tok_identifier | ConstList | ConstMap`,
 * `ConstList: '[' (ConstValue CommaOrSemicolonOptional)* ']'`,
 * `ConstMap: '{' (ConstValue ':' ConstValue CommaOrSemicolonOptional)* '}'`.
 */
export function parseConstValue(ts: TokenStream): AstConst {
  const t = ts.peek;
  const loc = ts.loc;
  switch (t.kind) {
    case 'int': ts.next(); return { kind: 'int', value: t.int!, loc };
    case 'double': ts.next(); return { kind: 'double', value: t.double!, loc };
    case 'string': ts.next(); return { kind: 'string', value: t.text, loc };
    case 'ident':
      if (IDL_KEYWORDS.has(t.text)) ts.fail('a constant value');
      ts.next();
      return { kind: 'ident', name: t.text, loc };
    default:
      break;
  }
  if (ts.accept('[')) {
    const items: AstConst[] = [];
    while (!ts.is(']')) {
      items.push(parseConstValue(ts));
      skipSeparator(ts);
    }
    ts.next();
    return { kind: 'list', items, loc };
  }
  if (ts.accept('{')) {
    const entries: Array<[AstConst, AstConst]> = [];
    while (!ts.is('}')) {
      const k = parseConstValue(ts);
      ts.expect(':');
      entries.push([k, parseConstValue(ts)]);
      skipSeparator(ts);
    }
    ts.next();
    return { kind: 'map', entries, loc };
  }
  ts.fail('a constant value');
}
