/**
 * A strict RFC 8259 JSON parser of our own: JSON.parse turns every number into a double and so rounds
 * i64 values above 2^53. This one keeps number text (JsonNumber) and builds null-prototype objects.
 */
import { JsonMalformedError } from './errors';
import { JsonNumber, KEY_ORDER } from './value';
import type { JsonObject, JsonValue } from './value';

export interface ParseOptions {
  /** Deepest array/object nesting accepted (default 512), so hostile input cannot exhaust the stack. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 512;

/** Parses one JSON text (surrounding whitespace and a leading BOM allowed); throws SLUICE_E_JSON_MALFORMED with the offset. */
export function parseJson(text: string, opts: ParseOptions = {}): JsonValue {
  const p = new Parser(text, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (text.charCodeAt(0) === 0xfeff) p.pos = 1; // a byte order mark, as some editors and Windows tools write
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.pos < text.length) p.fail('unexpected text after the JSON value');
  return v;
}

class Parser {
  pos = 0;
  constructor(readonly src: string, readonly maxDepth: number) {}

  fail(what: string): never {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw JsonMalformedError(`malformed JSON at line ${line}, column ${column} (offset ${this.pos}): ${what}`);
  }

  ws(): void {
    const s = this.src;
    let c = s.charCodeAt(this.pos);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++this.pos);
  }

  value(depth: number): JsonValue {
    const c = this.src.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: return this.object(depth + 1);
      case 0x5b: return this.array(depth + 1);
      case 0x22: return this.string();
      case 0x74: return this.literal('true', true);
      case 0x66: return this.literal('false', false);
      case 0x6e: return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        return this.fail(Number.isNaN(c) ? 'unexpected end of input' : `unexpected character ${JSON.stringify(this.src[this.pos])}`);
    }
  }

  literal<T>(word: string, v: T): T {
    if (!this.src.startsWith(word, this.pos)) this.fail(`expected ${word}`);
    this.pos += word.length;
    return v;
  }

  number(): JsonNumber {
    const s = this.src, start = this.pos;
    let i = start;
    if (s.charCodeAt(i) === 0x2d) i++;
    const d0 = s.charCodeAt(i);
    if (d0 === 0x30) i++;
    else if (d0 >= 0x31 && d0 <= 0x39) { do i++; while (isDigit(s.charCodeAt(i))); }
    else { this.pos = i; this.fail('expected a digit'); }
    if (s.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(s.charCodeAt(i))) { this.pos = i; this.fail('expected a digit after the decimal point'); }
      do i++; while (isDigit(s.charCodeAt(i)));
    }
    const e = s.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(s.charCodeAt(i))) { this.pos = i; this.fail('expected a digit in the exponent'); }
      do i++; while (isDigit(s.charCodeAt(i)));
    }
    this.pos = i;
    return new JsonNumber(s.slice(start, i));
  }

  string(): string {
    const s = this.src;
    const start = ++this.pos;
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) { this.pos = i + 1; return s.slice(start, i); }
      if (c === 0x5c || c < 0x20 || Number.isNaN(c)) break;
      i++;
    }
    let out = s.slice(start, i);
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) { this.pos = i + 1; return out; }
      if (Number.isNaN(c)) { this.pos = i; this.fail('unterminated string'); }
      if (c < 0x20) { this.pos = i; this.fail('control character in string'); }
      if (c !== 0x5c) {
        let j = i + 1;
        for (let d = s.charCodeAt(j); d !== 0x22 && d !== 0x5c && d >= 0x20; d = s.charCodeAt(++j));
        out += s.slice(i, j);
        i = j;
        continue;
      }
      const e = s[i + 1];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const h = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) { this.pos = i; this.fail('bad \\u escape'); }
          out += String.fromCharCode(parseInt(h, 16));
          i += 4;
          break;
        }
        default: this.pos = i; this.fail('bad escape in string');
      }
      i += 2;
    }
  }

  array(depth: number): JsonValue[] {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: JsonValue[] = [];
    this.ws();
    if (this.src.charCodeAt(this.pos) === 0x5d) { this.pos++; return out; }
    for (;;) {
      this.ws();
      out.push(this.value(depth));
      this.ws();
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x2c) continue;
      if (c === 0x5d) return out;
      this.pos--;
      this.fail("expected ',' or ']'");
    }
  }

  object(depth: number): JsonObject {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out = Object.create(null) as JsonObject;
    const order: string[] = [];
    Object.defineProperty(out, KEY_ORDER, { value: order, enumerable: false });
    this.ws();
    if (this.src.charCodeAt(this.pos) === 0x7d) { this.pos++; return out; }
    for (;;) {
      this.ws();
      if (this.src.charCodeAt(this.pos) !== 0x22) this.fail('expected a string key');
      const key = this.string();
      this.ws();
      if (this.src.charCodeAt(this.pos) !== 0x3a) this.fail("expected ':'");
      this.pos++;
      this.ws();
      if (!(key in out)) order.push(key);
      out[key] = this.value(depth);
      this.ws();
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x2c) continue;
      if (c === 0x7d) return out;
      this.pos--;
      this.fail("expected ',' or '}'");
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
