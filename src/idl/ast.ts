/**
 * The unresolved syntax tree of one IDL file, as the parser produces it. Names are still as written
 * (`Foo`, `inc.Foo`), ids and enum values may be missing. Every node carries the location of its
 * first token; the resolver turns this into the model (src/idl/model.ts).
 */
import type { SourceLocation } from '../errors';

export interface AstAnnotation { readonly name: string; readonly value: string | undefined; readonly loc: SourceLocation }

export type AstBaseName = 'bool' | 'byte' | 'i8' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary';

export type AstType =
  | { readonly kind: 'base'; readonly name: AstBaseName; readonly loc: SourceLocation }
  | { readonly kind: 'named'; readonly name: string; readonly loc: SourceLocation }
  | { readonly kind: 'list' | 'set'; readonly elem: AstType; readonly loc: SourceLocation }
  | { readonly kind: 'map'; readonly key: AstType; readonly value: AstType; readonly loc: SourceLocation };

export type AstConst =
  | { readonly kind: 'int'; readonly value: bigint; readonly loc: SourceLocation }
  | { readonly kind: 'double'; readonly value: number; readonly loc: SourceLocation }
  | { readonly kind: 'string'; readonly value: string; readonly loc: SourceLocation }
  | { readonly kind: 'ident'; readonly name: string; readonly loc: SourceLocation }
  | { readonly kind: 'list'; readonly items: ReadonlyArray<AstConst>; readonly loc: SourceLocation }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [AstConst, AstConst]>; readonly loc: SourceLocation };

export interface AstField {
  /** Explicit id as written (may be ≤ 0, which Apache replaces by an automatic id). */
  readonly id: bigint | undefined;
  readonly requiredness: 'required' | 'optional' | undefined;
  readonly type: AstType;
  readonly name: string;
  readonly default: AstConst | undefined;
  readonly annotations: ReadonlyArray<AstAnnotation>;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
  /** Location of the name token (diagnostics about the field point here). */
  readonly nameLoc: SourceLocation;
}

interface AstDefinitionBase {
  readonly name: string;
  readonly annotations: ReadonlyArray<AstAnnotation>;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
  readonly nameLoc: SourceLocation;
}

export interface AstStruct extends AstDefinitionBase { readonly kind: 'struct' | 'union' | 'exception'; readonly fields: ReadonlyArray<AstField> }
export interface AstEnumMember { readonly name: string; readonly value: bigint | undefined; readonly annotations: ReadonlyArray<AstAnnotation>; readonly doc: string | undefined; readonly loc: SourceLocation }
export interface AstEnum extends AstDefinitionBase { readonly kind: 'enum'; readonly members: ReadonlyArray<AstEnumMember> }
export interface AstTypedef extends AstDefinitionBase { readonly kind: 'typedef'; readonly type: AstType }
export interface AstConstDef extends AstDefinitionBase { readonly kind: 'const'; readonly type: AstType; readonly value: AstConst }
export interface AstFunction {
  readonly name: string;
  readonly oneway: boolean;
  readonly returnType: AstType | undefined;
  readonly args: ReadonlyArray<AstField>;
  readonly throws: ReadonlyArray<AstField>;
  readonly annotations: ReadonlyArray<AstAnnotation>;
  readonly doc: string | undefined;
  readonly loc: SourceLocation;
}
export interface AstService extends AstDefinitionBase {
  readonly kind: 'service';
  readonly extends: { readonly name: string; readonly loc: SourceLocation } | undefined;
  readonly functions: ReadonlyArray<AstFunction>;
}

export type AstDefinition = AstStruct | AstEnum | AstTypedef | AstConstDef | AstService;

export interface AstFile {
  readonly path: string;
  readonly includes: ReadonlyArray<{ readonly path: string; readonly loc: SourceLocation }>;
  readonly cppIncludes: ReadonlyArray<string>;
  readonly namespaces: ReadonlyArray<{ readonly scope: string; readonly name: string; readonly loc: SourceLocation }>;
  readonly definitions: ReadonlyArray<AstDefinition>;
}
