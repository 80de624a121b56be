/**
 * The printer: an append-only list of lines with indentation. Generators describe code as lines and
 * blocks; the writer owns whitespace, so every generated file is formatted the same way.
 */
export class CodeWriter {
  readonly #lines: string[] = [];
  #indent = 0;

  /** Appends each argument as one line at the current indentation (an empty string gives a blank line). */
  line(...lines: string[]): this {
    for (const text of lines) this.#lines.push(text === '' ? '' : '  '.repeat(this.#indent) + text);
    return this;
  }

  /** Appends `open`, runs `body` one level deeper, then appends `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.#indent++;
    body();
    this.#indent--;
    return this.line(close);
  }

  /** Runs `body` one level deeper without opening or closing anything. */
  indented(body: () => void): this {
    this.#indent++;
    body();
    this.#indent--;
    return this;
  }

  /** Appends a blank line unless the last line is already blank (or nothing was written). */
  blank(): this {
    if (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] !== '') this.#lines.push('');
    return this;
  }

  /** Appends already-formatted lines from another writer at the current indentation. */
  append(other: CodeWriter): this {
    return this.line(...other.lines());
  }

  lines(): readonly string[] {
    return this.#lines;
  }

  /** The text: lines joined by `\n`, trailing blank lines removed, ending in one newline. */
  toString(): string {
    const out = [...this.#lines];
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out.join('\n') + '\n';
  }
}
