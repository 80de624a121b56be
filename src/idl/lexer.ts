/**
 * Thrift IDL lexer, following Apache Thrift 0.17's `thriftl.ll` token rules (not thrift-parser's):
 * identifiers may contain inner dots (`a.b`), `true`/`false` are integer constants, `+5`, `.5`, `-0x10`
 * are numbers, strings apply exactly `\n \r \t \" \' \\` and cannot span lines, and `/** … *\/`
 * doc comments attach to the next token.
 */
import { Diagnostics, createDiagnostic } from './diagnostics';
import type { Diagnostic } from './model';

export type TokenKind = 'ident' | 'int' | 'double' | 'string' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text (for strings: the unescaped value; for punctuation: the character). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** `int`: exact value (hex and true/false included). */
  readonly int?: bigint;
  /** `double`: the value. */
  readonly double?: number;
  /** Cleaned text of a `/** *\/` comment directly before this token. */
  readonly doc?: string;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const PUNCT = new Set([':', ';', ',', '{', '}', '(', ')', '=', '<', '>', '[', ']', '*', '&']);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /[0-9a-fA-F]/.test(c);
const isIdStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdPart = (c: string | undefined) => c !== undefined && /[A-Za-z_0-9]/.test(c);

/** Strips the comment markers and the leading ` * ` of each line, as Apache's doctext cleanup does. */
function cleanDoc(raw: string): string {
  const lines = raw.slice(3, -2).split('\n').map((l) => l.replace(/^\s*\*?\s?/, '').trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** Tokenizes `source`; problems are appended to `diagnostics` and the offending text is skipped. */
export function tokenize(source: string, file: string, diagnostics: Diagnostic[]): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let doc: string | undefined;
  const at = (p: number) => ({ file, line, column: p - lineStart + 1 });
  const push = (t: Omit<Token, 'doc'>) => {
    tokens.push(doc === undefined ? t : { ...t, doc });
    doc = undefined;
  };

  while (pos < source.length) {
    const c = source[pos]!;
    const start = pos;
    const col = pos - lineStart + 1;
    if (c === '\n') { pos++; line++; lineStart = pos; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { pos++; continue; }
    if (c === '#' || (c === '/' && source[pos + 1] === '/')) {
      while (pos < source.length && source[pos] !== '\n') pos++;
      continue;
    }
    if (c === '/' && source[pos + 1] === '*') {
      const end = source.indexOf('*/', pos + 2);
      if (end < 0) {
        diagnostics.push(createDiagnostic(Diagnostics.UnterminatedComment, at(start)));
        break;
      }
      const raw = source.slice(pos, end + 2);
      // `/**/` is Apache's "silly comment", not doc text.
      doc = raw.startsWith('/**') && raw.length > 4 ? cleanDoc(raw) : doc;
      for (let i = pos; i < end + 2; i++) if (source[i] === '\n') { line++; lineStart = i + 1; }
      pos = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      pos++;
      let ok = false;
      while (pos < source.length) {
        const ch = source[pos]!;
        if (ch === '\n') break;
        if (ch === c) { ok = true; pos++; break; }
        if (ch === '\\') {
          const e = source[pos + 1];
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', "'": "'", '\\': '\\' };
          if (e !== undefined && map[e] !== undefined) { value += map[e]; pos += 2; continue; }
          diagnostics.push(createDiagnostic(Diagnostics.BadEscape, at(pos), e ?? ''));
          pos += e === undefined || e === '\n' ? 1 : 2;
          continue;
        }
        value += ch;
        pos++;
      }
      if (!ok) diagnostics.push(createDiagnostic(Diagnostics.UnterminatedString, { file, line, column: col }));
      push({ kind: 'string', text: value, line, column: col });
      continue;
    }
    if (isIdStart(c)) {
      pos++;
      while (isIdPart(source[pos]) || (source[pos] === '.' && isIdPart(source[pos + 1]))) pos++;
      const text = source.slice(start, pos);
      if (text === 'true' || text === 'false') push({ kind: 'int', text, line, column: col, int: text === 'true' ? 1n : 0n });
      else push({ kind: 'ident', text, line, column: col });
      continue;
    }
    const signed = c === '+' || c === '-';
    const body = signed ? pos + 1 : pos;
    if (isDigit(source[body]) || (source[body] === '.' && isDigit(source[body + 1]))) {
      // Hex: [+-]?0x[0-9A-Fa-f]+
      if (source[body] === '0' && source[body + 1] === 'x' && isHex(source[body + 2])) {
        pos = body + 2;
        while (isHex(source[pos])) pos++;
        const text = source.slice(start, pos);
        const magnitude = BigInt('0x' + source.slice(body + 2, pos));
        // Apache parses the magnitude with strtoll before negating, so 0x8000000000000000 overflows either way.
        if (magnitude > INT64_MAX) diagnostics.push(createDiagnostic(Diagnostics.IntegerTooBig, at(start), text));
        push({ kind: 'int', text, line, column: col, int: c === '-' ? -magnitude : magnitude });
        continue;
      }
      pos = body;
      while (isDigit(source[pos])) pos++;
      let isDouble = false;
      if (source[pos] === '.' && isDigit(source[pos + 1])) {
        isDouble = true;
        pos++;
        while (isDigit(source[pos])) pos++;
      }
      const e = source[pos];
      if ((e === 'e' || e === 'E') && (isDigit(source[pos + 1]) || ((source[pos + 1] === '+' || source[pos + 1] === '-') && isDigit(source[pos + 2])))) {
        isDouble = true;
        pos += 2;
        while (isDigit(source[pos])) pos++;
      }
      const text = source.slice(start, pos);
      if (isDouble) { push({ kind: 'double', text, line, column: col, double: Number(text) }); continue; }
      const value = BigInt(text.startsWith('+') ? text.slice(1) : text);
      if (value < INT64_MIN || value > INT64_MAX) diagnostics.push(createDiagnostic(Diagnostics.IntegerTooBig, at(start), text));
      push({ kind: 'int', text, line, column: col, int: value });
      continue;
    }
    if (signed) {
      // 0.17's double pattern `[+-]?[0-9]*(\.[0-9]+)?…` also matches a lone sign, which atof reads as 0.
      pos++;
      push({ kind: 'double', text: c, line, column: col, double: 0 });
      continue;
    }
    if (PUNCT.has(c)) { pos++; push({ kind: 'punct', text: c, line, column: col }); continue; }
    diagnostics.push(createDiagnostic(Diagnostics.UnexpectedCharacter, at(start), c));
    pos++;
  }
  tokens.push({ kind: 'eof', text: 'end of file', line, column: pos - lineStart + 1 });
  return tokens;
}
