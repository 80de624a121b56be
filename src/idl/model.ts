/**
 * The resolved schema model: the one immutable description of loaded IDL that codegen, the route
 * compiler, the plan compiler, `sluice encode/decode` and the admin API all read.
 *
 * Invariants the loader guarantees (src/idl): typedefs are resolved away inside TypeRef (the typedef
 * itself stays as a Definition for codegen), every named reference is a fully qualified name that
 * exists in `Schema.definitions`, enum values and field ids are final (implicit ones filled in),
 * const values are coerced to their declared type, and everything is frozen.
 */
import type { SourceLocation } from '../errors';

/** `<file base name>.<Name>`, e.g. `people.Person`. The contract's `NS.Type`. */
export type QualifiedName = string;

export interface Annotation {
  readonly name: string;
  /** Valueless annotations (`(cpp.ref)`) carry the empty string. */
  readonly value: string;
  readonly loc: SourceLocation;
}
/** In source order; a name may repeat (several `api.get` on one function give several routes). */
export type Annotations = ReadonlyArray<Annotation>;

export type BaseKind = 'bool' | 'i8' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary' | 'uuid';

export type TypeRef =
  | { readonly kind: BaseKind }
  | { readonly kind: 'list' | 'set'; readonly elem: TypeRef }
  | { readonly kind: 'map'; readonly key: TypeRef; readonly value: TypeRef }
  /** Target is an EnumDef. */
  | { readonly kind: 'enum'; readonly name: QualifiedName }
  /** Target is a StructDef (struct, union or exception). */
  | { readonly kind: 'struct'; readonly name: QualifiedName };

export type ReturnType = TypeRef | { readonly kind: 'void' };

/** A constant already coerced to the type it is used at. */
export type ConstValue =
  | { readonly kind: 'bool'; readonly value: boolean }
  /** i8/i16/i32/i64 and enum values; bigint so i64 stays exact. */
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'double'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'binary'; readonly value: Uint8Array }
  | { readonly kind: 'list'; readonly items: ReadonlyArray<ConstValue> }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [ConstValue, ConstValue]> }
  /** Struct literal keyed by field name (only fields that were given). */
  | { readonly kind: 'struct'; readonly fields: ReadonlyArray<{ readonly name: string; readonly value: ConstValue }> };

export type Requiredness = 'required' | 'optional' | 'default';

export interface FieldDef {
  readonly id: number;
  readonly name: string;
  readonly type: TypeRef;
  /** Alias chain the field was declared through, outermost first (`['people.Email']`), for codegen and docs. */
  readonly typedefs: ReadonlyArray<QualifiedName>;
  readonly requiredness: Requiredness;
  readonly default: ConstValue | undefined;
  readonly annotations: Annotations;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
}

interface DefinitionBase {
  readonly name: string;
  readonly qname: QualifiedName;
  /** Absolute path of the declaring file. */
  readonly file: string;
  readonly annotations: Annotations;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
}

export interface StructDef extends DefinitionBase {
  readonly kind: 'struct' | 'union' | 'exception';
  readonly fields: ReadonlyArray<FieldDef>;
}

export interface EnumMember {
  readonly name: string;
  readonly value: number;
  readonly annotations: Annotations;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
}
export interface EnumDef extends DefinitionBase {
  readonly kind: 'enum';
  readonly members: ReadonlyArray<EnumMember>;
}

export interface TypedefDef extends DefinitionBase {
  readonly kind: 'typedef';
  readonly type: TypeRef;
}

export interface ConstDef extends DefinitionBase {
  readonly kind: 'const';
  readonly type: TypeRef;
  readonly value: ConstValue;
}

export interface FunctionDef {
  readonly name: string;
  readonly oneway: boolean;
  readonly returnType: ReturnType;
  readonly args: ReadonlyArray<FieldDef>;
  readonly throws: ReadonlyArray<FieldDef>;
  readonly annotations: Annotations;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
  /** Qualified name of the service that declares it (differs from the service looked at when inherited). */
  readonly service: QualifiedName;
}

export interface ServiceDef extends DefinitionBase {
  readonly kind: 'service';
  readonly extends: QualifiedName | undefined;
  /** Functions declared by this service only; see `allFunctions` in src/idl for inherited ones. */
  readonly functions: ReadonlyArray<FunctionDef>;
}

export type Definition = StructDef | EnumDef | TypedefDef | ConstDef | ServiceDef;

export interface ThriftFile {
  /** Absolute path. */
  readonly path: string;
  /** Base name without `.thrift`: the prefix other files and the contract use. */
  readonly name: string;
  /** `namespace <scope> <name>`; scope `*` is kept as `*`. */
  readonly namespaces: Readonly<Record<string, string>>;
  /** Direct includes, absolute paths in source order. */
  readonly includes: ReadonlyArray<string>;
  /** Definitions in source order. */
  readonly definitions: ReadonlyArray<Definition>;
}

export interface Schema {
  /** Every loaded file by absolute path, includes too. */
  readonly files: ReadonlyMap<string, ThriftFile>;
  /** Files the caller asked for (not those only pulled in by includes), absolute paths. */
  readonly roots: ReadonlyArray<string>;
  /** Every definition by qualified name. */
  readonly definitions: ReadonlyMap<QualifiedName, Definition>;
}

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable number from src/idl/diagnostics.ts: 1xxx syntax, 2xxx resolution, 3xxx semantic, 4xxx codegen. */
  readonly code: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly loc: SourceLocation;
}
