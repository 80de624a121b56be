/**
 * Load-time check for contract §5's "maps whose keys are structs or containers can't be expressed in
 * JSON: a route that needs one is a load error". The converters reject such maps at run time too.
 */
import type { Schema, TypeRef } from '../idl/model';
import { structView } from './schema-view';

export interface InexpressibleMap {
  /** Where the map sits under the checked type: JSON keys joined by `.`, `[]` for elements, `{}` for map values. */
  readonly path: string;
  /** The key type's kind: `struct`, `list`, `set` or `map`. */
  readonly keyKind: string;
}

/** The first map reachable from `type` whose keys JSON cannot express, or undefined when there is none. */
export function findInexpressibleMap(schema: Schema, type: TypeRef): InexpressibleMap | undefined {
  const seen = new Set<string>();
  const walk = (t: TypeRef, path: string): InexpressibleMap | undefined => {
    switch (t.kind) {
      case 'list': case 'set': return walk(t.elem, `${path}[]`);
      case 'map':
        if (t.key.kind === 'struct' || t.key.kind === 'list' || t.key.kind === 'set' || t.key.kind === 'map') {
          return { path, keyKind: t.key.kind };
        }
        return walk(t.value, `${path}{}`);
      case 'struct': {
        if (seen.has(t.name)) return undefined;
        seen.add(t.name);
        for (const f of structView(schema, t.name).fields) {
          const found = walk(f.type, path === '' ? f.key : `${path}.${f.key}`);
          if (found) return found;
        }
        return undefined;
      }
      default: return undefined;
    }
  };
  return walk(type, '');
}
