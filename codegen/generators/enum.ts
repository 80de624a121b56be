/**
 * Enum generator. Unknown values read from the wire keep their number (a TS numeric enum accepts it).
 *
 * IDL:
 * ```thrift
 * enum Color { RED = 1, GREEN }
 * ```
 * TypeScript:
 * ```ts
 * export enum Color {
 *   RED = 1,
 *   GREEN = 2,
 * }
 * export const ColorNames: globalThis.ReadonlyMap<number, string> = new globalThis.Map([[1, 'RED'], [2, 'GREEN']]);
 * export const ColorValues: globalThis.ReadonlyMap<string, Color> = new globalThis.Map([['RED', Color.RED], …]);
 * ```
 */
import type { EnumDef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import { writeDoc } from '../framework/doc-comment';
import { propertyAccess, propertyKey } from '../framework/names';
import type { ModuleContext } from './context';

/** Writes the enum declaration and its two name maps. */
export function writeEnum(out: CodeWriter, ctx: ModuleContext, def: EnumDef): void {
  const names = ctx.names(def.qname);
  writeDoc(out, def.doc, `@generated from thrift enum ${def.qname}`);
  out.block(`export enum ${names.name} {`, () => {
    for (const m of def.members) {
      writeDoc(out, m.doc);
      out.line(`${propertyKey(m.name)} = ${m.value},`);
    }
  });
  // The first member with a value names it, as in Apache's generated maps.
  const byValue = new Map<number, string>();
  for (const m of def.members) if (!byValue.has(m.value)) byValue.set(m.value, m.name);
  const nameEntries = [...byValue].map(([v, n]) => `[${v}, ${JSON.stringify(n)}]`);
  const valueEntries = def.members.map((m) => `[${JSON.stringify(m.name)}, ${propertyAccess(names.name, m.name)}]`);
  writeDoc(out, `Member names of {@link ${names.name}} by value.`);
  out.line(`export const ${names.names}: globalThis.ReadonlyMap<number, string> = new globalThis.Map<number, string>([${nameEntries.join(', ')}]);`);
  writeDoc(out, `Values of {@link ${names.name}} by member name.`);
  out.line(`export const ${names.values}: globalThis.ReadonlyMap<string, ${names.name}> = new globalThis.Map<string, ${names.name}>([${valueEntries.join(', ')}]);`);
}
