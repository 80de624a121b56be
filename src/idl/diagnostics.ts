/**
 * The one table of IDL diagnostics. Codes are stable and never reused: 1xxx syntax, 2xxx resolution
 * (includes and names), 3xxx semantic (types, values, rules). docs/idl.md mirrors this table and a unit
 * test keeps the two in sync. Messages use `{0}`, `{1}`… placeholders.
 */
import type { SourceLocation } from '../errors';
import type { Diagnostic, DiagnosticSeverity } from './model';

export interface DiagnosticMessage {
  readonly code: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** One sentence telling the user how to fix it (docs/idl.md). */
  readonly hint: string;
}

function d(code: number, severity: DiagnosticSeverity, message: string, hint: string): DiagnosticMessage {
  return { code, severity, message, hint };
}

export const Diagnostics = {
  // 1xxx syntax
  UnexpectedCharacter: d(1001, 'error', 'Unexpected character "{0}".', 'Remove the character; Thrift IDL has no such token.'),
  UnterminatedString: d(1002, 'error', 'String literal is not terminated before the end of the line.', 'Close the string with the quote it opened with; strings cannot span lines.'),
  BadEscape: d(1003, 'error', 'Escape sequence "\\{0}" is not supported.', 'Use only \\n, \\r, \\t, \\", \\\' or \\\\ inside string literals.'),
  UnterminatedComment: d(1004, 'error', 'Comment is not terminated.', 'Close the block comment with */.'),
  IntegerTooBig: d(1005, 'error', 'Integer "{0}" does not fit in 64 bits.', 'Use a value between -9223372036854775808 and 9223372036854775807.'),
  Expected: d(1006, 'error', 'Expected {0} but found {1}.', 'Fix the syntax at this position (see the Thrift IDL grammar).'),
  ReservedKeyword: d(1007, 'error', 'Name "{0}" is a reserved keyword.', 'Rename it; Thrift reserves this word for its target languages.'),
  RemovedKeyword: d(1008, 'error', '"{0}" is no longer supported.', 'Use string instead of slist and an enum or string instead of senum.'),
  HeaderAfterDefinition: d(1009, 'error', '"{0}" must come before every definition.', 'Move include, cpp_include and namespace lines to the top of the file.'),
  UnsupportedNamespaceKeyword: d(1010, 'error', '"{0}" is not supported.', 'Use the form: namespace <language> <name>.'),
  DottedName: d(1011, 'error', 'Name "{0}" cannot contain a dot.', 'Use a name without dots; dots only separate a file prefix from a name in references.'),

  // 2xxx resolution
  FileNotFound: d(2001, 'warning', 'Included file "{0}" is not found.', 'Check the path; includes resolve relative to the including file, then against each -I directory (0.17 also only warns; any use of its types fails).'),
  IncludeCycle: d(2002, 'error', 'Include cycle: {0}.', 'Break the cycle by moving the shared definitions into a file both can include.'),
  UndefinedType: d(2003, 'error', 'Type "{0}" is not defined.', 'Define the type, or include its file and prefix the name with the file name (file.Type); includes are not transitive.'),
  UndefinedConstant: d(2004, 'error', 'Constant "{0}" is not defined.', 'Define the constant before it is used, or use EnumName.VALUE for enum values.'),
  DuplicateDefinition: d(2005, 'error', 'Name "{0}" is already defined in this file.', 'Give each definition in a file a distinct name.'),
  DuplicateFileName: d(2006, 'error', 'Files "{0}" and "{1}" share the prefix "{2}".', 'Rename one file: the base name is the prefix every qualified name uses, so it must be unique.'),
  UndefinedService: d(2007, 'error', 'Service "{0}" is not defined before it is extended.', 'Extend a service defined earlier in the file, or one from an included file as prefix.Service.'),
  NotAType: d(2008, 'error', '"{0}" is a {1}, not a type.', 'Use a struct, union, exception, enum or typedef name here.'),
  UnqualifiedEnumValue: d(2009, 'error', 'Identifier "{0}" is unqualified.', 'Write enum values as EnumName.VALUE.'),
  TypedefCycle: d(2010, 'error', 'Typedef "{0}" refers to itself.', 'Make the typedef chain end at a real type.'),
  UnreadableInput: d(2011, 'error', 'Input "{0}" cannot be read.', 'Pass an existing .thrift file or a directory containing .thrift files.'),

  // 3xxx semantic (3014 is retired: extends cycles cannot occur, see UndefinedService)
  DuplicateField: d(3001, 'error', 'Field "{0}: {1}" reuses an identifier or name already used.', 'Give each field a distinct id and a distinct name.'),
  FieldIdOutOfRange: d(3002, 'warning', 'Field id {0} is outside the i16 range.', 'Use a field id between 1 and 32767.'),
  NonPositiveFieldId: d(3003, 'warning', 'Field id {0} is not positive; an automatic id is used.', 'Give the field an explicit positive id.'),
  ImplicitFieldId: d(3004, 'warning', 'Field "{0}" has no id; an automatic negative id is used.', 'Give the field an explicit positive id so the wire format is stable.'),
  UnionMemberRequiredness: d(3005, 'warning', 'Union member "{0}" must be optional; its requiredness is ignored.', 'Drop required/optional from union members.'),
  OnewayReturnsValue: d(3006, 'warning', 'Oneway function "{0}" should return void.', 'Declare oneway functions void: the caller never receives a reply.'),
  OnewayThrows: d(3007, 'error', 'Oneway function "{0}" cannot throw exceptions.', 'Remove the throws clause or make the function two-way.'),
  ConstTypeMismatch: d(3008, 'error', 'Value for "{0}" does not match type {1}.', 'Give a value of the declared type (string literal, integer, double, [list], {map} or {struct}).'),
  EnumValueOutOfRange: d(3009, 'error', 'Enum value {0} of "{1}" does not fit in 32 bits.', 'Use an enum value between -2147483648 and 2147483647.'),
  UnknownEnumValue: d(3010, 'error', 'Enum "{0}" has no value {1}.', 'Use one of the values the enum declares.'),
  UnknownStructField: d(3011, 'error', 'Struct "{0}" has no field "{1}".', 'Use only field names the struct declares in a struct literal.'),
  DuplicateFunction: d(3012, 'error', 'Function "{0}" is already defined in service "{1}".', 'Give each function in a service (and its base services) a distinct name.'),
  ThrowsNotException: d(3013, 'error', 'Throws field "{0}" is not an exception type.', 'Only exception types can appear in a throws clause.'),
  DuplicateEnumMember: d(3015, 'error', 'Enum member "{0}" is already defined.', 'Give each enum member a distinct name.'),
  IntegerOutOfRange: d(3016, 'warning', 'Value {0} does not fit in type {1}.', 'Use a value inside the range of the declared integer type.'),
  ByteDeprecated: d(3017, 'warning', 'Type "byte" is deprecated.', 'Use i8 instead of byte.'),
  ArgumentOptional: d(3018, 'warning', 'Keyword "optional" is ignored in argument lists.', 'Drop optional from function arguments and throws.'),
  ConstBeforeUse: d(3019, 'error', 'Type "{0}" must be defined before a constant value of it.', 'Move the type definition above the constant or default value that uses it.'),
  EnumPrefixIgnored: d(3020, 'warning', 'Value "{0}" is read as {1}.', 'Write the value as ExpectedEnum.MEMBER; 0.17 ignores the prefix and looks the member up in the expected enum.'),
  ThrowsTypeBeforeUse: d(3021, 'error', 'Type "{0}" must be defined before a throws clause that uses it.', 'Move the exception (and any typedef of it) above the service.'),
  UnionSecondDefault: d(3022, 'error', 'Field "{0}" gives union "{1}" a second default value.', 'Keep a default on at most one member of a union.'),
} as const;

export type DiagnosticKey = keyof typeof Diagnostics;

/** Fills `{n}` placeholders of a table message with `args`. */
export function formatMessage(template: string, args: ReadonlyArray<string | number | bigint>): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}

/** Builds a Diagnostic from a table entry; the message is the entry's with `args` substituted. */
export function createDiagnostic(entry: DiagnosticMessage, loc: SourceLocation, ...args: Array<string | number | bigint>): Diagnostic {
  return Object.freeze({ code: entry.code, severity: entry.severity, message: formatMessage(entry.message, args), loc: Object.freeze({ ...loc }) });
}
