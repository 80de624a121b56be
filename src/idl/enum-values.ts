/**
 * Enum auto-numbering as Apache Thrift does it: a member without `= value` takes the previous member's
 * value plus one, the first one 0 (`{A, B=5, C, D=-3, F}` → 0, 5, 6, -3, -2).
 */
import type { AstEnum } from './ast';

/** The value of every member of `ast`, in declaration order (unchecked against the i32 range). */
export function enumValues(ast: AstEnum): bigint[] {
  let next = 0n;
  return ast.members.map((m) => {
    const value = m.value ?? next;
    next = value + 1n;
    return value;
  });
}
