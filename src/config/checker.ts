/**
 * Small typed readers over an untrusted document. Each reader either returns a value of the asked type or
 * records a located problem and returns undefined, so validation goes on and reports everything at once.
 */
import { ConfigCodes, type ConfigProblem, type ProblemSeverity } from './problems';
import type { DocPath, Locator } from './locate';
import { parseAddress } from './address';
import type { Address } from './types';

export type Obj = Record<string, unknown>;

export class Checker {
  readonly problems: ConfigProblem[] = [];
  readonly locate: Locator;

  constructor(locate: Locator) {
    this.locate = locate;
  }

  /** Records a problem at `path` (at its key when `key`). */
  report(path: DocPath, code: string, message: string, opts: { key?: boolean; severity?: ProblemSeverity } = {}): void {
    this.problems.push({
      severity: opts.severity ?? 'error',
      code,
      message,
      loc: this.locate(path, { key: opts.key }),
      path: dotted(path),
    });
  }

  /** Reports a required key that is absent from the mapping at `parent`; returns undefined. */
  missing(parent: DocPath, key: string): undefined {
    this.report(parent, ConfigCodes.missingKey, `Missing required key '${key}' in ${dotted(parent) || 'the config'}.`);
    return undefined;
  }

  /** An object with only `allowed` keys; every other key is an error naming it. */
  object(path: DocPath, value: unknown, allowed: ReadonlyArray<string>): Obj | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.report(path, ConfigCodes.wrongType, `${name(path)} must be a mapping, got ${describe(value)}.`);
      return undefined;
    }
    const obj = value as Obj;
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        const where = path.length === 0 ? 'at the top level' : `in ${dotted(path)}`;
        this.report([...path, key], ConfigCodes.unknownKey,
          `Unknown key '${key}' ${where}; expected one of: ${allowed.join(', ')}.`, { key: true });
      }
    }
    return obj;
  }

  /** A mapping from any names to values (e.g. `upstreams`). */
  record(path: DocPath, value: unknown): Obj | undefined {
    return this.object(path, value, Object.keys(value !== null && typeof value === 'object' ? value : {}));
  }

  array(path: DocPath, value: unknown): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.report(path, ConfigCodes.wrongType, `${name(path)} must be a list, got ${describe(value)}.`);
      return undefined;
    }
    return value;
  }

  string(path: DocPath, value: unknown, opts: { nonEmpty?: boolean } = {}): string | undefined {
    if (typeof value !== 'string') {
      this.report(path, ConfigCodes.wrongType, `${name(path)} must be a string, got ${describe(value)}.`);
      return undefined;
    }
    if (opts.nonEmpty !== false && value.length === 0) {
      this.report(path, ConfigCodes.badValue, `${name(path)} must not be empty.`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(path: DocPath, value: unknown, choices: ReadonlyArray<T>): T | undefined {
    if (typeof value !== 'string' || !(choices as ReadonlyArray<string>).includes(value)) {
      this.report(path, typeof value === 'string' ? ConfigCodes.badValue : ConfigCodes.wrongType,
        `${name(path)} must be one of ${choices.join(' | ')}, got ${describe(value)}.`);
      return undefined;
    }
    return value as T;
  }

  /** A non-negative integer (every duration is ms, every size bytes); `min` raises the floor. */
  integer(path: DocPath, value: unknown, opts: { min?: number; max?: number; what?: string } = {}): number | undefined {
    const min = opts.min ?? 0;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.report(path, ConfigCodes.wrongType,
        `${name(path)} must be ${opts.what ?? 'a non-negative integer'}, got ${describe(value)}.`);
      return undefined;
    }
    if (value < min || (opts.max !== undefined && value > opts.max)) {
      const range = opts.max !== undefined ? `between ${min} and ${opts.max}` : `at least ${min}`;
      this.report(path, ConfigCodes.badValue, `${name(path)} must be ${range}, got ${value}.`);
      return undefined;
    }
    return value;
  }

  boolean(path: DocPath, value: unknown): boolean | undefined {
    if (typeof value !== 'boolean') {
      this.report(path, ConfigCodes.wrongType, `${name(path)} must be true or false, got ${describe(value)}.`);
      return undefined;
    }
    return value;
  }

  address(path: DocPath, value: unknown): Address | undefined {
    const text = this.string(path, value);
    if (text === undefined) return undefined;
    const parsed = parseAddress(text);
    if (typeof parsed === 'string') {
      this.report(path, ConfigCodes.badAddress, `${name(path)}: ${parsed}`);
      return undefined;
    }
    return parsed;
  }
}

/** `upstreams.people.endpoints[0]` */
export function dotted(path: DocPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

function name(path: DocPath): string {
  return path.length === 0 ? 'The config document' : `'${dotted(path)}'`;
}

/** Names a JSON value's kind for messages, showing short scalars. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value.length <= 40 ? `"${value}"` : 'a string';
  if (typeof value === 'number') return String(value);
  return typeof value;
}
