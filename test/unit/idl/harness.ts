/**
 * Shared helpers for IDL unit tests: compile IDL text held in memory (no disk) and look at the
 * diagnostics or the schema.
 */
import assert from 'node:assert/strict';
import { compileIdlSource, formatDiagnostic, type Schema } from '../../../src/idl';

export const MAIN = '/idl/main.thrift';

export interface Seen { code: number; message: string; line: number; column: number }

/** Every diagnostic (errors and warnings) of `idl`, compiled as /idl/main.thrift next to `files`. */
export function diagnosticsOf(idl: string, files: Record<string, string> = {}, includeDirs: string[] = []): Seen[] {
  return compileIdlSource(idl, { path: MAIN, files, includeDirs }).diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.loc.line, column: d.loc.column }));
}

/** Only the error diagnostics of `idl`. */
export function errorsOf(idl: string, files: Record<string, string> = {}, includeDirs: string[] = []): Seen[] {
  return compileIdlSource(idl, { path: MAIN, files, includeDirs }).diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, message: d.message, line: d.loc.line, column: d.loc.column }));
}

/** Compiles `idl` and asserts it has no errors; returns the schema. */
export function schemaOf(idl: string, files: Record<string, string> = {}, includeDirs: string[] = []): Schema {
  const r = compileIdlSource(idl, { path: MAIN, files, includeDirs });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), []);
  return r.schema!;
}

/** The codes of the error diagnostics of `idl`. */
export function errorCodes(idl: string, files: Record<string, string> = {}): number[] {
  return errorsOf(idl, files).map((e) => e.code);
}
