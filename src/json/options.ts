/** The knobs of the §5 rules (config `json:` section, contract §2). */
export interface JsonOptions {
  /** i64 out as a JSON number with every digit (default) or as a string. Input accepts both always. */
  readonly i64?: 'number' | 'string';
  /** Enums out as numbers (default) or member names. Input accepts both always. */
  readonly enums?: 'number' | 'name';
  /** JSON keys the type does not declare: ignored (default) or an error. */
  readonly unknownFields?: 'ignore' | 'reject';
}

/** Struct/container nesting the converters accept, matching the protocol readers' limit. */
export const MAX_VALUE_DEPTH = 64;
