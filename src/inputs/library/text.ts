/** Canned replies in Markdown (list items and paragraphs) and in plain text (one per line). */
import { splitReplies } from '../replies.js';
import { findDisableComments, type CannedLibrary, type CannedReply } from './source.js';

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/;
const SKIPPED_LINE = /^\s*(?:#{1,6}(?:\s|$)|<!--.*-->\s*$|\||>|(?:[-*_]\s*){3,}$)/;

/**
 * Markdown: every list item and every paragraph is a reply, taken verbatim from
 * the file; headings, tables, quotes, comments and code blocks are not replies.
 */
export function readMarkdownLibrary(text: string): CannedLibrary {
  const lines = text.split('\n');
  const replies: CannedReply[] = [];
  let offset = 0;
  let inFence = false;
  let current: { start: number; end: number; line: number; column: number; item: boolean } | undefined;
  const close = () => {
    if (current) {
      replies.push({
        text: text.slice(current.start, current.end),
        line: current.line,
        column: current.column,
        offset: current.start,
        anchorLines: [current.line],
      });
    }
    current = undefined;
  };
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    if (/^\s*(```|~~~)/.test(line)) {
      close();
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    if (line.trim() === '' || SKIPPED_LINE.test(line) || (index === 0 && line === '---')) {
      close();
      return;
    }
    const contentEnd = lineStart + line.trimEnd().length;
    const item = LIST_ITEM.exec(line);
    if (item) {
      close();
      const start = lineStart + item[0].length;
      current = { start, end: contentEnd, line: index + 1, column: item[0].length + 1, item: true };
      return;
    }
    if (current) {
      current.end = contentEnd;
      return;
    }
    const indent = line.length - line.trimStart().length;
    current = { start: lineStart + indent, end: contentEnd, line: index + 1, column: indent + 1, item: false };
  });
  close();
  return { replies: replies.filter((reply) => reply.text.trim() !== ''), disables: findDisableComments(text, 'html') };
}
/** Plain text: one reply per line; `# kefu-lint-disable-next-line` lines are comments. */
export function readTextLibrary(text: string): CannedLibrary {
  const replies = splitReplies(text)
    .filter((reply) => !/^\s*#\s*kefu-lint-disable-next-line\b/.test(reply.text))
    .map(({ text, line, column, offset }): CannedReply => ({ text, line, column, offset, anchorLines: [line] }));
  return { replies, disables: findDisableComments(text, 'hash') };
}
