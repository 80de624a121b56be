/**
 * Words Apache Thrift 0.17 refuses as names of definitions, fields, enum members and functions
 * ("Cannot use reserved language keyword"), measured against /usr/bin/thrift 0.17, plus the IDL's own
 * keywords, which can never be names.
 */

/** IDL keywords: the lexer returns them as identifiers, the parser never accepts them as names. */
export const IDL_KEYWORDS: ReadonlySet<string> = new Set([
  'namespace', 'include', 'cpp_include', 'cpp_type', 'xsd_all', 'xsd_optional', 'xsd_nillable', 'xsd_attrs',
  'void', 'bool', 'byte', 'i8', 'i16', 'i32', 'i64', 'double', 'string', 'binary', 'slist', 'senum',
  'map', 'list', 'set', 'oneway', 'async', 'typedef', 'struct', 'union', 'exception', 'extends', 'throws',
  'service', 'enum', 'const', 'required', 'optional',
]);

/** Old namespace keywords 0.17 still tokenizes only to reject them. */
export const UNSUPPORTED_NAMESPACE_KEYWORDS: ReadonlySet<string> = new Set([
  'cpp_namespace', 'java_package', 'csharp_namespace', 'delphi_namespace', 'php_namespace', 'py_module',
  'perl_package', 'ruby_namespace', 'smalltalk_category', 'smalltalk_prefix', 'xsd_namespace',
]);

/** Target-language words 0.17 rejects as names. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'BEGIN', 'END', '__CLASS__', '__DIR__', '__FILE__', '__FUNCTION__', '__LINE__', '__METHOD__', '__NAMESPACE__',
  'abstract', 'alias', 'and', 'args', 'as', 'assert', 'begin', 'break', 'case', 'catch', 'class', 'clone',
  'continue', 'declare', 'def', 'default', 'del', 'delete', 'do', 'elif', 'else', 'elseif', 'elsif', 'end',
  'enddeclare', 'endfor', 'endforeach', 'endif', 'endswitch', 'endwhile', 'ensure', 'except', 'exec',
  'finally', 'float', 'for', 'foreach', 'from', 'function', 'global', 'goto', 'if', 'implements', 'import',
  'in', 'inline', 'instanceof', 'interface', 'is', 'lambda', 'module', 'native', 'new', 'nil', 'not', 'or',
  'package', 'pass', 'print', 'private', 'protected', 'public', 'raise', 'redo', 'register', 'rescue',
  'retry', 'return', 'self', 'sizeof', 'static', 'super', 'switch', 'synchronized', 'then', 'this', 'throw',
  'transient', 'try', 'undef', 'unless', 'unsigned', 'until', 'use', 'var', 'virtual', 'volatile', 'when',
  'while', 'with', 'xor', 'yield',
]);
