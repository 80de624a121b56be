/**
 * `loadIdl`: the file-system front of the IDL front end. Expands directories to the `.thrift` files
 * under them, reads from disk unless `sources` overrides a path (the admin API uploads IDL that is
 * not on disk), then compiles with the pure core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileIdl, type CompileResult } from './compile';

export interface LoadOptions {
  /** Searched in order after the including file's directory (`-I`). */
  readonly includeDirs?: ReadonlyArray<string>;
  /** File contents by absolute path; wins over the disk. */
  readonly sources?: ReadonlyMap<string, string>;
}

/**
 * Loads IDL `inputs` (files, or directories meaning every `*.thrift` under them, recursively, sorted).
 * Never throws for bad IDL and never prints: every problem is a diagnostic, and `schema` is undefined
 * when any of them is an error.
 */
export function loadIdl(inputs: ReadonlyArray<string>, opts: LoadOptions = {}): CompileResult {
  const sources = new Map<string, string>();
  for (const [p, text] of opts.sources ?? []) sources.set(path.resolve(p), text);
  const readFile = (p: string): string | undefined => {
    const s = sources.get(p);
    if (s !== undefined) return s;
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const roots: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    const found = isDirectory(abs) || [...sources.keys()].some((k) => k.startsWith(abs + path.sep)) ? listThrift(abs, sources) : [abs];
    for (const f of found) if (!roots.includes(f)) roots.push(f);
  }
  return compileIdl({ roots, readFile, includeDirs: opts.includeDirs });
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every `.thrift` file under `dir` on disk or among `sources`, sorted. */
function listThrift(dir: string, sources: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.thrift')) out.add(p);
    }
  };
  walk(dir);
  for (const k of sources.keys()) if (k.startsWith(dir + path.sep) && k.endsWith('.thrift')) out.add(k);
  return [...out].sort();
}
