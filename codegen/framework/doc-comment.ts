/**
 * The comment emitter: TSDoc blocks whose text can never close the comment early, and short inline
 * comments for decoder cases.
 */
import type { CodeWriter } from './code-writer';

/** Makes `text` safe inside a block comment (no `*\/`, no stray newlines in inline comments). */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** Writes a TSDoc block from paragraphs; empty or undefined paragraphs are left out. */
export function writeDoc(out: CodeWriter, ...paragraphs: ReadonlyArray<string | undefined>): void {
  const lines: string[] = [];
  for (const p of paragraphs) {
    if (p === undefined || p.trim() === '') continue;
    if (lines.length > 0) lines.push('');
    for (const l of p.trim().split(/\r?\n/)) lines.push(commentSafe(l.replace(/\s+$/, '')));
  }
  if (lines.length === 0) return;
  if (lines.length === 1) {
    out.line(`/** ${lines[0]} */`);
    return;
  }
  out.line('/**');
  for (const l of lines) out.line(l === '' ? ' *' : ` * ${l}`);
  out.line(' */');
}

/** `/* text *\/` for one line of code, newlines folded into spaces. */
export function inlineComment(text: string): string {
  return `/* ${commentSafe(text.replace(/\s+/g, ' '))} */`;
}
