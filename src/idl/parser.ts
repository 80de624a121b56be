/**
 * Recursive-descent parser for one Thrift IDL file, following Apache Thrift 0.17's grammar
 * (`thrifty.yy`) rather than @creditkarma/thrift-parser's, whose gaps (namespace `*`, annotations on
 * namespaces, separator-less const lists, `typedef …;`, `xsd_*`, `cpp_type`, reserved words, escapes)
 * are listed in docs/idl.md. Pure: text in, AST and diagnostics out, no console output. On a syntax
 * error it records one diagnostic and resumes at the next top-level keyword.
 */
import type { AstDefinition, AstEnumMember, AstField, AstFile, AstFunction } from './ast';
import { Diagnostics } from './diagnostics';
import { tokenize } from './lexer';
import type { Diagnostic } from './model';
import { parseAnnotations, parseConstValue, parseName, parseType, rejectRemovedKeyword, skipSeparator } from './parse-values';
import { SyntaxAbort, TokenStream } from './token-stream';

const DEFINITION_KEYWORDS: ReadonlySet<string> = new Set(['const', 'typedef', 'enum', 'senum', 'struct', 'union', 'exception', 'service']);
const HEADER_KEYWORDS: ReadonlySet<string> = new Set(['include', 'cpp_include', 'namespace']);

/** Parses `source` (the text of `file`) into an AST; problems go to the returned diagnostics. */
export function parseIdl(source: string, file: string): { ast: AstFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ts = new TokenStream(tokenize(source, file, diagnostics), file, diagnostics);
  const ast: { includes: AstFile['includes'][number][]; cppIncludes: string[]; namespaces: AstFile['namespaces'][number][]; definitions: AstDefinition[] } =
    { includes: [], cppIncludes: [], namespaces: [], definitions: [] };
  let seenDefinition = false;
  while (ts.peek.kind !== 'eof') {
    try {
      const t = ts.peek;
      if (t.kind === 'ident' && HEADER_KEYWORDS.has(t.text)) {
        if (seenDefinition) ts.abort(Diagnostics.HeaderAfterDefinition, ts.loc, t.text);
        parseHeader(ts, ast);
      } else {
        seenDefinition = true;
        ast.definitions.push(parseDefinition(ts));
      }
    } catch (e) {
      if (!(e instanceof SyntaxAbort)) throw e;
      ts.next();
      ts.skipUntil((t) => t.kind === 'ident' && (DEFINITION_KEYWORDS.has(t.text) || HEADER_KEYWORDS.has(t.text)));
    }
  }
  return { ast: { path: file, ...ast }, diagnostics };
}

/**
 * `Header: tok_include tok_literal | tok_cpp_include tok_literal
 *   | tok_namespace tok_identifier tok_identifier TypeAnnotations | tok_namespace '*' tok_identifier`
 */
function parseHeader(ts: TokenStream, ast: { includes: AstFile['includes'][number][]; cppIncludes: string[]; namespaces: AstFile['namespaces'][number][] }): void {
  const loc = ts.loc;
  const kw = ts.next().text;
  if (kw === 'namespace') {
    let scope: string;
    if (ts.accept('*')) scope = '*';
    else scope = parseName(ts, 'a namespace scope', false);
    const name = parseName(ts, 'a namespace name', false);
    if (scope !== '*') parseAnnotations(ts);
    ast.namespaces.push({ scope, name, loc });
    return;
  }
  if (ts.peek.kind !== 'string') ts.fail('a file name string');
  const path = ts.next().text;
  if (kw === 'include') ast.includes.push({ path, loc });
  else ast.cppIncludes.push(path);
}

/** `Definition: Const | Typedef | Enum | Struct | Xception | Service` */
function parseDefinition(ts: TokenStream): AstDefinition {
  rejectRemovedKeyword(ts);
  const start = ts.peek;
  const loc = ts.loc;
  const doc = start.doc;
  if (start.kind !== 'ident' || !DEFINITION_KEYWORDS.has(start.text)) ts.fail('a definition');
  const kw = ts.next().text;
  switch (kw) {
    case 'const': {
      // `Const: tok_const FieldType tok_identifier '=' ConstValue CommaOrSemicolonOptional`
      const type = parseType(ts);
      const nameLoc = ts.loc;
      const name = parseName(ts, 'a constant name');
      ts.expect('=');
      const value = parseConstValue(ts);
      skipSeparator(ts);
      return { kind: 'const', name, type, value, annotations: [], doc, loc, nameLoc };
    }
    case 'typedef': {
      // `Typedef: tok_typedef FieldType tok_identifier TypeAnnotations CommaOrSemicolonOptional`
      const type = parseType(ts);
      const nameLoc = ts.loc;
      const name = parseName(ts, 'a typedef name');
      const annotations = parseAnnotations(ts);
      skipSeparator(ts);
      return { kind: 'typedef', name, type, annotations, doc, loc, nameLoc };
    }
    case 'enum': {
      // `Enum: tok_enum tok_identifier '{' EnumDefList '}' TypeAnnotations`
      const nameLoc = ts.loc;
      const name = parseName(ts, 'an enum name');
      ts.expect('{');
      const members: AstEnumMember[] = [];
      while (!ts.is('}')) members.push(parseEnumMember(ts));
      ts.next();
      return { kind: 'enum', name, members, annotations: parseAnnotations(ts), doc, loc, nameLoc };
    }
    case 'service': {
      // `Service: tok_service tok_identifier Extends '{' FunctionList '}' TypeAnnotations`
      const nameLoc = ts.loc;
      const name = parseName(ts, 'a service name');
      let ext: { name: string; loc: typeof loc } | undefined;
      if (ts.accept('extends')) {
        const extLoc = ts.loc;
        ext = { name: parseName(ts, 'a service name', false), loc: extLoc };
      }
      ts.expect('{');
      const functions: AstFunction[] = [];
      while (!ts.is('}')) functions.push(parseFunction(ts));
      ts.next();
      return { kind: 'service', name, extends: ext, functions, annotations: parseAnnotations(ts), doc, loc, nameLoc };
    }
    default: {
      // `Struct: StructHead tok_identifier XsdAll '{' FieldList '}' TypeAnnotations`
      // `Xception: tok_xception tok_identifier '{' FieldList '}' TypeAnnotations`
      const nameLoc = ts.loc;
      const name = parseName(ts, `a ${kw} name`);
      if (kw !== 'exception') ts.accept('xsd_all');
      const fields = parseFieldList(ts, '{', '}');
      return { kind: kw as 'struct' | 'union' | 'exception', name, fields, annotations: parseAnnotations(ts), doc, loc, nameLoc };
    }
  }
}

/** `EnumDef: EnumValue TypeAnnotations CommaOrSemicolonOptional`; `EnumValue: tok_identifier '=' tok_int_constant | tok_identifier` */
function parseEnumMember(ts: TokenStream): AstEnumMember {
  const loc = ts.loc;
  const doc = ts.peek.doc;
  const name = parseName(ts, 'an enum member name');
  let value: bigint | undefined;
  if (ts.accept('=')) {
    if (ts.peek.kind !== 'int') ts.fail('an integer');
    value = ts.next().int!;
  }
  const annotations = parseAnnotations(ts);
  skipSeparator(ts);
  return { name, value, annotations, doc, loc };
}

/**
 * `Function: Oneway FunctionType tok_identifier '(' FieldList ')' Throws TypeAnnotations CommaOrSemicolonOptional`,
 * `Oneway: tok_oneway | tok_async | empty`, `Throws: tok_throws '(' FieldList ')' | empty`.
 */
function parseFunction(ts: TokenStream): AstFunction {
  const loc = ts.loc;
  const doc = ts.peek.doc;
  const oneway = ts.accept('oneway') || ts.accept('async');
  const returnType = ts.accept('void') ? undefined : parseType(ts);
  const name = parseName(ts, 'a function name');
  const args = parseFieldList(ts, '(', ')');
  const throws = ts.accept('throws') ? parseFieldList(ts, '(', ')') : [];
  const annotations = parseAnnotations(ts);
  skipSeparator(ts);
  return { name, oneway, returnType, args, throws, annotations, doc, loc };
}

function parseFieldList(ts: TokenStream, open: string, close: string): AstField[] {
  ts.expect(open);
  const fields: AstField[] = [];
  while (!ts.is(close)) fields.push(parseField(ts));
  ts.next();
  return fields;
}

/**
 * `Field: FieldIdentifier FieldRequiredness FieldType FieldReference tok_identifier FieldValue
 *   XsdOptional XsdNillable XsdAttributes TypeAnnotations CommaOrSemicolonOptional`
 */
function parseField(ts: TokenStream): AstField {
  const loc = ts.loc;
  const doc = ts.peek.doc;
  let id: bigint | undefined;
  if (ts.peek.kind === 'int') {
    id = ts.next().int!;
    ts.expect(':');
  }
  const requiredness = ts.accept('required') ? 'required' : ts.accept('optional') ? 'optional' : undefined;
  const type = parseType(ts);
  ts.accept('&');
  const nameLoc = ts.loc;
  const name = parseName(ts, 'a field name');
  const value = ts.accept('=') ? parseConstValue(ts) : undefined;
  ts.accept('xsd_optional');
  ts.accept('xsd_nillable');
  if (ts.accept('xsd_attrs')) parseFieldList(ts, '{', '}');
  const annotations = parseAnnotations(ts);
  skipSeparator(ts);
  return { id, requiredness, type, name, default: value, annotations, doc, loc, nameLoc };
}
