/**
 * What a generated name may not be. Thrift 0.17 already refuses many target-language keywords
 * (src/idl/reserved-words.ts), but not all of JavaScript's and none of TypeScript's type names.
 */

/** Words that cannot name a top-level declaration, a parameter or a local in a generated module. */
export const RESERVED_IDENTIFIERS: ReadonlySet<string> = new Set([
  // ECMAScript reserved words and strict-mode restrictions.
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
  'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'arguments', 'eval',
  // TypeScript type names that a type alias or interface cannot take.
  'any', 'unknown', 'never', 'number', 'bigint', 'boolean', 'string', 'symbol', 'object', 'undefined',
  'type', 'declare', 'namespace', 'module', 'abstract', 'as', 'asserts', 'infer', 'is', 'keyof', 'readonly',
  'unique', 'satisfies', 'accessor', 'out',
  // Names the CommonJS wrapper or the generated code itself depends on.
  'globalThis', 'require', 'exports', '__filename', '__dirname',
]);

/** Words that cannot name a parameter (contextual keywords such as `type` can). */
export const RESERVED_PARAMETERS: ReadonlySet<string> = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
  'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'arguments', 'eval', 'undefined', 'globalThis',
]);

/**
 * Property names that misbehave on plain objects: `{ __proto__: x }` sets the prototype, and the
 * members of Object.prototype make `{}` unassignable to an interface that retypes them.
 */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set([
  '__proto__', 'constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** Method names a class cannot use for an ordinary method. */
export const RESERVED_METHODS: ReadonlySet<string> = new Set(['constructor', '__proto__']);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True when `name` can be written bare as a JavaScript identifier or property name. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Turns any text into an identifier-shaped string (`foo-bar.baz` → `foo_bar_baz`). */
export function toIdentifier(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** `name` as a property key in an object literal or interface (quoted when it is not an identifier). */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/** `obj.name`, or `obj["name"]` when the name is not an identifier. */
export function propertyAccess(obj: string, name: string): string {
  return isIdentifier(name) ? `${obj}.${name}` : `${obj}[${JSON.stringify(name)}]`;
}
