/**
 * A JSON reader that keeps numbers exact: `thrift --gen json` prints i64 constants beyond 2^53 and
 * JSON.parse would round them. Numbers come back as `{ $num }` with a canonical text: integers in
 * decimal, other numbers as JavaScript prints the double.
 */

export interface JsonNum { readonly $num: string }
export type Json = null | boolean | string | JsonNum | Json[] | { [k: string]: Json };

/** Canonical text of a number literal (integer texts stay exact). */
export function canonicalNumber(text: string): string {
  return /^-?\d+$/.test(text) ? BigInt(text).toString() : String(Number(text));
}

/** Parses `text`; throws on malformed input. */
export function parseLosslessJson(text: string): Json {
  let i = 0;
  const ws = () => { while (/\s/.test(text[i] ?? '')) i++; };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: Json } = {};
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        const k = value();
        if (typeof k !== 'string') throw new Error(`object key expected at ${i}`);
        ws();
        if (text[i++] !== ':') throw new Error(`":" expected at ${i}`);
        obj[k] = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === '}') return obj;
        throw new Error(`"}" expected at ${i}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === ']') return arr;
        throw new Error(`"]" expected at ${i}`);
      }
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/s.exec(text.slice(i));
      if (!m) throw new Error(`bad string at ${i}`);
      i += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    const lit = /^(true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!lit) throw new Error(`unexpected "${c}" at ${i}`);
    i += lit[0].length;
    if (lit[0] === 'true') return true;
    if (lit[0] === 'false') return false;
    if (lit[0] === 'null') return null;
    return { $num: canonicalNumber(lit[0]) };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text at ${i}`);
  return v;
}
