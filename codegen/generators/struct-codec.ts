/**
 * Codec pass for structs, exceptions and unions: straight-line `encode` and a `switch`-on-id `decode`
 * per type, wrapped by the runtime's `structCodec` (which adds toBinary/fromBinary/toCompact/fromCompact).
 *
 * IDL `struct Person { 1: required string name, 2: optional i64 id = 7 }` →
 * ```ts
 * export const Person: $rt.StructCodec<Person> = $rt.structCodec<Person>({
 *   name: 'people.Person',
 *   encode(value: Person, $w: $rt.ProtocolWriter): void {
 *     $w.writeStructBegin();
 *     if (value.name === undefined) throw $rt.missingField('people.Person', 'name', 1);
 *     $w.writeFieldBegin(11 /* STRING *\/, 1);
 *     $w.writeString(value.name);
 *     $w.writeFieldEnd();
 *     if (value.id !== undefined) { … }
 *     $w.writeFieldStop();
 *     $w.writeStructEnd();
 *   },
 *   decode($r: $rt.ProtocolReader): Person {
 *     let name$: string | undefined;
 *     let id$: bigint | undefined;
 *     $r.readStructBegin();
 *     for (;;) {
 *       const $t = $r.readFieldBegin();
 *       if ($t === 0) break;
 *       switch ($r.fieldId) {
 *         case /* 1: required string name *\/ 1:
 *           if ($t === 11) name$ = $r.readString();
 *           else $r.skip($t);
 *           break;
 *         …
 *         default:
 *           $r.skip($t);
 *       }
 *       $r.readFieldEnd();
 *     }
 *     $r.readStructEnd();
 *     if (name$ === undefined) throw $rt.missingField('people.Person', 'name', 1);
 *     if (id$ === undefined) id$ = 7n;
 *     const value: Person = { name: name$, id: id$ };
 *     return value;
 *   },
 * });
 * ```
 */
import type { FieldDef, StructDef } from '../../src/idl/model';
import type { CodeWriter } from '../framework/code-writer';
import { inlineComment, writeDoc } from '../framework/doc-comment';
import { propertyAccess, propertyKey } from '../framework/names';
import type { ModuleContext } from './context';
import { constExpr } from './const-value';
import { Temporaries, readValue } from './decode-value';
import { writeValue } from './encode-value';
import { byId, fieldKey, fieldLocal } from './fields';
import { alwaysPresent } from './struct-type';
import { fieldTsType, idlField } from './type-expr';
import { isPrimitive, ttype, ttypeCode } from './wire';

/** Writes `const <codecName> = $rt.structCodec<typeName>({ … })`. */
export function writeStructCodec(
  out: CodeWriter, ctx: ModuleContext, def: StructDef, typeName: string, codecName: string, exported = true,
): void {
  const rt = ctx.rt;
  if (exported) writeDoc(out, `Binary and compact codec of {@link ${typeName}}.`);
  const exp = exported ? 'export ' : '';
  out.block(`${exp}const ${codecName}: ${rt}.StructCodec<${typeName}> = ${rt}.structCodec<${typeName}>({`, () => {
    out.line(`name: ${JSON.stringify(def.qname)},`);
    out.block(`encode(value: ${typeName}, $w: ${rt}.ProtocolWriter): void {`, () => writeEncodeBody(out, ctx, def), '},');
    out.block(`decode($r: ${rt}.ProtocolReader): ${typeName} {`, () => writeDecodeBody(out, ctx, def, typeName), '},');
  }, '});');
}

function writeEncodeBody(out: CodeWriter, ctx: ModuleContext, def: StructDef): void {
  const union = def.kind === 'union';
  if (union && def.fields.length === 0) {
    out.line(`throw ${ctx.rt}.unionCount(${JSON.stringify(def.qname)}, 0);`);
    return;
  }
  out.line('$w.writeStructBegin();');
  if (union) out.line('let $set = 0;');
  for (const f of byId(def.fields)) {
    const access = propertyAccess('value', fieldKey(f));
    const write = (): void => {
      if (union) out.line('$set++;');
      out.line(`$w.writeFieldBegin(${ttypeCode(f.type)}, ${f.id});`);
      if (isPrimitive(f.type) || f.type.kind === 'struct') {
        writeValue(out, ctx, f.type, access);
      } else {
        // Containers are read more than once: bind them to a local first.
        out.line(`const $c = ${access};`);
        writeValue(out, ctx, f.type, '$c');
      }
      out.line('$w.writeFieldEnd();');
    };
    if (!union && f.requiredness === 'required') {
      out.line(`if (${access} === undefined) throw ${ctx.rt}.missingField(${JSON.stringify(def.qname)}, ${JSON.stringify(f.name)}, ${f.id});`);
      if (isPrimitive(f.type) || f.type.kind === 'struct') write();
      else out.block('{', write);
    } else {
      out.block(`if (${access} !== undefined) {`, write);
    }
  }
  if (union) out.line(`if ($set !== 1) throw ${ctx.rt}.unionCount(${JSON.stringify(def.qname)}, $set);`);
  out.line('$w.writeFieldStop();');
  out.line('$w.writeStructEnd();');
}

function writeDecodeBody(out: CodeWriter, ctx: ModuleContext, def: StructDef, typeName: string): void {
  for (const f of def.fields) out.line(`let ${fieldLocal(f)}: ${fieldTsType(ctx, f)} | undefined;`);
  out.line('$r.readStructBegin();');
  out.block('for (;;) {', () => {
    out.line('const $t = $r.readFieldBegin();');
    out.line('if ($t === 0) break;');
    if (def.fields.length === 0) {
      out.line('$r.skip($t);');
    } else {
      out.block('switch ($r.fieldId) {', () => {
        for (const f of byId(def.fields)) writeDecodeCase(out, ctx, f);
        out.line('default:');
        out.indented(() => out.line('$r.skip($t);'));
      });
    }
    out.line('$r.readFieldEnd();');
  });
  out.line('$r.readStructEnd();');
  if (def.kind === 'union') writeUnionResult(out, ctx, def, typeName);
  else writeStructResult(out, ctx, def, typeName);
}

function writeDecodeCase(out: CodeWriter, ctx: ModuleContext, f: FieldDef): void {
  out.line(`case ${inlineComment(idlField(ctx, f))} ${f.id}:`);
  out.indented(() => {
    out.block(`if ($t === ${ttype(f.type)}) {`, () => {
      const expr = readValue(out, ctx, f.type, new Temporaries());
      out.line(`${fieldLocal(f)} = ${expr};`);
    }, '} else {');
    out.indented(() => out.line('$r.skip($t);'));
    out.line('}', 'break;');
  });
}

function writeStructResult(out: CodeWriter, ctx: ModuleContext, def: StructDef, typeName: string): void {
  for (const f of def.fields) {
    if (f.requiredness === 'required' && f.default === undefined) {
      out.line(`if (${fieldLocal(f)} === undefined) throw ${ctx.rt}.missingField(${JSON.stringify(def.qname)}, ${JSON.stringify(f.name)}, ${f.id});`);
    } else if (f.default !== undefined) {
      out.line(`if (${fieldLocal(f)} === undefined) ${fieldLocal(f)} = ${constExpr(ctx, f.type, f.default)};`);
    }
  }
  // Fields always present go in the literal; the others are added only when set, so an absent
  // optional field is absent (not an own property holding undefined).
  const always = def.fields.filter((f) => alwaysPresent(def, f));
  const maybe = def.fields.filter((f) => !alwaysPresent(def, f));
  const literal = always.map((f) => `${propertyKey(fieldKey(f))}: ${fieldLocal(f)}`).join(', ');
  if (maybe.length > 0 && maybe.length <= 16) {
    // Fast path for the common case of every field present: one literal, one object shape.
    const all = def.fields.map((f) => `${propertyKey(fieldKey(f))}: ${fieldLocal(f)}`).join(', ');
    out.line(`if (${maybe.map((f) => `${fieldLocal(f)} !== undefined`).join(' && ')}) return { ${all} };`);
  }
  out.line(`const value: ${typeName} = ${literal === '' ? '{}' : `{ ${literal} }`};`);
  for (const f of maybe) out.line(`if (${fieldLocal(f)} !== undefined) ${propertyAccess('value', fieldKey(f))} = ${fieldLocal(f)};`);
  out.line('return value;');
}

function writeUnionResult(out: CodeWriter, ctx: ModuleContext, def: StructDef, typeName: string): void {
  if (def.fields.length === 0) {
    out.line(`throw ${ctx.rt}.unionCount(${JSON.stringify(def.qname)}, 0);`);
    return;
  }
  out.line(`let value: ${typeName} | undefined;`);
  out.line('let $set = 0;');
  for (const f of def.fields) {
    out.block(`if (${fieldLocal(f)} !== undefined) {`, () => {
      out.line(`value = { ${propertyKey(fieldKey(f))}: ${fieldLocal(f)} };`);
      out.line('$set++;');
    });
  }
  out.line(`if (value === undefined || $set !== 1) throw ${ctx.rt}.unionCount(${JSON.stringify(def.qname)}, $set);`);
  out.line('return value;');
}
