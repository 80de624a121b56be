/**
 * Maps a path into a parsed config document (`['upstreams', 'people', 'timeout_ms']`) back to file:line:col,
 * so every problem can point at the exact key or value that causes it.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { SourceLocation } from '../errors';

export type DocPath = ReadonlyArray<string | number>;

/** Locates a value (or, with `key`, the key naming it) in the document; undefined when it has no source. */
export type Locator = (path: DocPath, opts?: { key?: boolean }) => SourceLocation | undefined;

/** A locator for documents without a source text (admin API bodies). */
export const noLocator: Locator = () => undefined;

/** Builds a locator over a yaml Document parsed with `lineCounter`. */
export function yamlLocator(doc: Document, lineCounter: LineCounter, file: string): Locator {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return (path, opts = {}) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let last: unknown = node;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        keyNode = item;
        node = item;
      } else {
        break;
      }
      last = node;
    }
    const target = opts.key && keyNode !== undefined ? keyNode : last;
    const range = (target as YamlNode | undefined)?.range;
    return range ? at(range[0]) : undefined;
  };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
