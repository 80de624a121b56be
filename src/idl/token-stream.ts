/**
 * A cursor over lexer tokens with the few primitives the parser needs. A syntax error is thrown as
 * `SyntaxAbort` after its diagnostic is recorded; the parser catches it at the next definition boundary.
 */
import type { SourceLocation } from '../errors';
import { Diagnostics, createDiagnostic, type DiagnosticMessage } from './diagnostics';
import type { Diagnostic } from './model';
import type { Token } from './lexer';

/** Thrown to unwind to the parser's recovery point; its diagnostic is already recorded. */
export class SyntaxAbort extends globalThis.Error {}

export class TokenStream {
  readonly #tokens: ReadonlyArray<Token>;
  #index = 0;
  readonly file: string;
  readonly diagnostics: Diagnostic[];

  constructor(tokens: ReadonlyArray<Token>, file: string, diagnostics: Diagnostic[]) {
    this.#tokens = tokens;
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /** The current token (the eof token once input is exhausted). */
  get peek(): Token { return this.#tokens[this.#index]!; }
  /** The token after the current one. */
  get peek2(): Token { return this.#tokens[Math.min(this.#index + 1, this.#tokens.length - 1)]!; }

  locOf(t: Token): SourceLocation { return { file: this.file, line: t.line, column: t.column }; }
  get loc(): SourceLocation { return this.locOf(this.peek); }

  /** Consumes and returns the current token. */
  next(): Token {
    const t = this.peek;
    if (t.kind !== 'eof') this.#index++;
    return t;
  }

  /** True if the current token is punctuation `p` or the identifier/keyword `p`. */
  is(p: string): boolean {
    const t = this.peek;
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === p;
  }

  /** Consumes the token if it is `p`; reports whether it did. */
  accept(p: string): boolean {
    if (!this.is(p)) return false;
    this.next();
    return true;
  }

  /** Consumes `p` or aborts with "Expected `p`". */
  expect(p: string): Token {
    if (!this.is(p)) this.fail(`"${p}"`);
    return this.next();
  }

  /** Records "Expected <what> but found <current>" and aborts. */
  fail(what: string): never {
    const t = this.peek;
    const found = t.kind === 'eof' ? 'end of file' : t.kind === 'string' ? 'a string literal' : `"${t.text}"`;
    this.abort(Diagnostics.Expected, this.locOf(t), what, found);
  }

  /** Records `entry` at `loc` and aborts. */
  abort(entry: DiagnosticMessage, loc: SourceLocation, ...args: string[]): never {
    this.report(entry, loc, ...args);
    throw new SyntaxAbort();
  }

  /** Records `entry` at `loc` without aborting. */
  report(entry: DiagnosticMessage, loc: SourceLocation, ...args: Array<string | number | bigint>): void {
    this.diagnostics.push(createDiagnostic(entry, loc, ...args));
  }

  /** Skips tokens until `pred` holds for the current one or input ends. */
  skipUntil(pred: (t: Token) => boolean): void {
    while (this.peek.kind !== 'eof' && !pred(this.peek)) this.next();
  }
}
