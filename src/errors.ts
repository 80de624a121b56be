/**
 * One factory for every runtime error Sluice throws. Consumers match on `err.code`
 * (`SLUICE_E_<AREA>_<PROBLEM>`); the table of codes lives in docs/errors.md.
 */

/** Where in a source file (IDL or config) a problem sits; lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export class SluiceError extends globalThis.Error {
  readonly code: string;
  readonly statusCode: number | undefined;
  readonly location: SourceLocation | undefined;
  /** JSON path or binding (`person.email`, `query:ids`) of the value to blame, when there is one. */
  readonly field: string | undefined;

  constructor(code: string, message: string, opts: { statusCode?: number; location?: SourceLocation; field?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SluiceError';
    this.code = code;
    this.statusCode = opts.statusCode;
    this.location = opts.location;
    this.field = opts.field;
  }
}

/** Returns a constructor-like function that builds SluiceErrors carrying `code`. */
export function createError(code: string, defaultStatus?: number) {
  const make = (message: string, opts: { location?: SourceLocation; field?: string; cause?: unknown; statusCode?: number } = {}) =>
    new SluiceError(code, message, { statusCode: opts.statusCode ?? defaultStatus, ...opts });
  return Object.assign(make, { code });
}

/** Formats `file:line:col: message` the way `sluice check` prints problems. */
export function formatLocated(message: string, loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}: ${message}` : message;
}
