/**
 * The admin-editable config document (src/control ConfigDocument) and the file config it sits on: seeding
 * version 1 from the file, and merging a version back into a full §2 document for compilation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SluiceConfig } from '../config/types';
import type { ConfigDocument } from '../control/types';

/** §2 sections a config version owns; everything else always comes from the file (and env). */
export const VERSIONED_SECTIONS = ['json', 'upstreams', 'services', 'routes', 'thrift_listeners', 'pseudonymization'] as const;

/** The directory uploaded IDL paths are relative to: the first IDL directory of the file config. */
export function idlRoot(config: SluiceConfig): string {
  for (const p of config.idl) {
    try { if (fs.statSync(p).isDirectory()) return p; } catch { /* missing: validated elsewhere */ }
  }
  const first = config.idl[0];
  return first ? path.dirname(first) : path.join(config.baseDir, 'idl');
}

function thriftFilesUnder(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) thriftFilesUnder(p, out);
    else if (e.name.endsWith('.thrift')) out.push(p);
  }
  return out;
}

/** Version 1: the file's versioned sections plus every IDL file it names, by path relative to the IDL root. */
export function seedDocument(config: SluiceConfig): ConfigDocument {
  const root = idlRoot(config);
  const idl_files: Record<string, string> = {};
  for (const entry of config.idl) {
    let files: string[] = [];
    try { files = fs.statSync(entry).isDirectory() ? thriftFilesUnder(entry, []) : [entry]; } catch { continue; }
    for (const f of files) {
      const rel = path.relative(root, f).split(path.sep).join('/');
      idl_files[rel] = fs.readFileSync(f, 'utf8');
    }
  }
  const doc: Record<string, unknown> = { idl_files };
  for (const key of VERSIONED_SECTIONS) {
    if (config.document[key] !== undefined) doc[key] = structuredClone(config.document[key]);
  }
  return doc as unknown as ConfigDocument;
}

/** The full §2 document a version stands for: the file's document with the version's sections in place. */
export function mergedDocument(file: SluiceConfig, doc: ConfigDocument): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...file.document };
  for (const key of VERSIONED_SECTIONS) {
    const value = (doc as unknown as Record<string, unknown>)[key];
    if (value === undefined) delete merged[key];
    else merged[key] = key === 'routes' ? (value as Array<Record<string, unknown>>).map(stripSource) : value;
  }
  return merged;
}

/** Admin route objects may carry `source` (as GET returns it); the §3 shape does not. */
function stripSource(r: Record<string, unknown>): Record<string, unknown> {
  const { source: _s, ...rest } = r;
  return rest;
}

/** Absolute path → text for every IDL file of a version, under the IDL root. */
export function idlSources(file: SluiceConfig, doc: ConfigDocument): Map<string, string> {
  const root = idlRoot(file);
  return new Map(Object.entries(doc.idl_files).map(([rel, text]) => [path.resolve(root, rel), text]));
}
