/**
 * The IDL front end's public API: load Thrift IDL into the resolved schema model (./model) and query it.
 * See docs/idl.md for what is accepted and the diagnostics table.
 */
export * from './model';
export { loadIdl, type LoadOptions } from './load';
export { compileIdl, compileIdlSource, type CompileOptions, type CompileResult } from './compile';
export { allFunctions, annotationValues, findDefinition, formatDiagnostic } from './queries';
export { Diagnostics, type DiagnosticMessage } from './diagnostics';
