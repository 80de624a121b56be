/**
 * Names derived from Thrift fields: the property key on the generated interface and the decoder's
 * local variable. Locals end in `$`, which no Thrift name can contain, so they never shadow anything.
 */
import type { FieldDef } from '../../src/idl/model';
import { RESERVED_PROPERTIES, toIdentifier } from '../framework/names';

/** The property name of `field` on generated interfaces (Object.prototype's member names get a `_`). */
export function fieldKey(field: FieldDef): string {
  return RESERVED_PROPERTIES.has(field.name) ? `${field.name}_` : field.name;
}

/** The decoder's local for `field`. */
export function fieldLocal(field: FieldDef): string {
  return `${toIdentifier(field.name)}$`;
}

/** Fields in the order encoders write them: by id, as Apache's generators do. */
export function byId(fields: ReadonlyArray<FieldDef>): FieldDef[] {
  return [...fields].sort((a, b) => a.id - b.id);
}
