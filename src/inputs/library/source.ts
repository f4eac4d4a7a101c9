/**
 * Canned replies as they stand in their file: each reply knows where every one of
 * its characters came from, so findings point at the exact line and column and
 * fixes edit the file's own text (quoting, comments and layout stay as they are).
 */
import type { PositionMap } from '../../engine/tree.js';
import type { FileFinding } from '../placed.js';
import type { Reply } from '../replies.js';

export interface CannedReply extends Reply {
  /** Lines where the entry starts (list item, key, value): a disable comment right above any of them applies. */
  anchorLines: number[];
  title?: string;
  tags?: string[];
  category?: string;
}

/** A `kefu-lint-disable-next-line` comment. */
export interface DisableComment {
  line: number;
  column: number;
  /** The first line after the comment that is neither blank nor another comment. */
  targetLine: number;
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
}

export interface CannedLibrary {
  replies: CannedReply[];
  disables: DisableComment[];
}

/**
 * Map every character of a decoded value to its place in `source` (the raw text of
 * the value, starting at file offset `base`). Handles quotes, YAML/JSON escapes,
 * indentation and folded line breaks; where the two cannot be aligned, the rest of
 * the value maps to the last aligned place, which keeps positions close and makes
 * fixes there impossible (see `sourceRange`).
 */
export function alignValue(value: string, source: string, base: number, style: 'plain' | 'single' | 'double' | 'block'): number[] {
  const map = new Array<number>(value.length + 1);
  let j = 0;
  if (style === 'single' || style === 'double') j = 1;
  if (style === 'block') {
    // Skip the header line (| or > with indicators).
    const newline = source.indexOf('\n');
    j = newline < 0 ? source.length : newline + 1;
  }
  let i = 0;
  while (i < value.length) {
    if (j >= source.length) {
      map[i++] = base + source.length;
      continue;
    }
    const c = value[i];
    const s = source[j];
    if (style === 'double' && s === '\\') {
      const next = source[j + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins lines and produces nothing.
        j += next === '\r' && source[j + 2] === '\n' ? 3 : 2;
        while (j < source.length && (source[j] === ' ' || source[j] === '\t')) j++;
        continue;
      }
      const length = next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
      const produced = next === 'U' ? String.fromCodePoint(parseInt(source.slice(j + 2, j + 10), 16) || 0).length : 1;
      for (let k = 0; k < produced && i < value.length; k++) map[i++] = base + j;
      j += length;
      continue;
    }
    if (style === 'single' && s === "'" && source[j + 1] === "'") {
      map[i++] = base + j;
      j += 2;
      continue;
    }
    if (s === c) {
      map[i++] = base + j++;
      continue;
    }
    if (isSpace(c) && isSpace(s)) {
      // A folded line break or collapsed indentation: one value character for one or more source characters.
      map[i++] = base + j++;
      continue;
    }
    if (isSpace(s) || (s === '"' && style === 'double') || (s === "'" && style === 'single')) {
      j++;
      continue;
    }
    // Cannot align: keep the rest close to here.
    while (i < value.length) map[i++] = base + j;
  }
  map[value.length] = value.length > 0 ? map[value.length - 1] + 1 : base + j;
  return map;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

const DISABLE = /^\s*(?:#|<!--)\s*kefu-lint-disable-next-line\b([^]*?)(?:-->)?\s*$/;

/** Find disable comments written with `#` (YAML, plain text) or `<!-- -->` (Markdown). */
export function findDisableComments(text: string, syntax: 'hash' | 'html'): DisableComment[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const isComment = (line: string) => (syntax === 'hash' ? /^\s*#/.test(line) : /^\s*<!--.*-->\s*$/.test(line));
  const comments: DisableComment[] = [];
  lines.forEach((line, index) => {
    const opener = syntax === 'hash' ? /^\s*#/ : /^\s*<!--/;
    if (!opener.test(line)) return;
    const match = DISABLE.exec(line);
    if (!match) return;
    let target = index + 1;
    while (target < lines.length && (lines[target].trim() === '' || isComment(lines[target]))) target++;
    comments.push({
      line: index + 1,
      column: line.search(/\S/) + 1,
      targetLine: target + 1,
      ruleIds: match[1]
        .split(/[,，\s]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    });
  });
  return comments;
}

/**
 * Drop findings a disable comment covers, and report each comment (or rule id in
 * it) that covered nothing, so stale exemptions do not pile up.
 */
export function applyDisables(
  replies: readonly CannedReply[],
  findingsByReply: readonly FileFinding[][],
  disables: readonly DisableComment[],
  positions: PositionMap,
): FileFinding[] {
  const used = disables.map(() => new Set<string>());
  const kept: FileFinding[] = [];
  replies.forEach((reply, index) => {
    const covering = disables
      .map((comment, i) => ({ comment, i }))
      .filter(({ comment }) => reply.anchorLines.includes(comment.targetLine));
    for (const finding of findingsByReply[index]) {
      const cover = covering.find(({ comment }) => comment.ruleIds.length === 0 || comment.ruleIds.includes(finding.ruleId));
      if (cover) used[cover.i].add(cover.comment.ruleIds.length === 0 ? '*' : finding.ruleId);
      else kept.push(finding);
    }
  });
  disables.forEach((comment, i) => {
    const unused = comment.ruleIds.length === 0 ? (used[i].size === 0 ? ['*'] : []) : comment.ruleIds.filter((id) => !used[i].has(id));
    for (const id of unused) {
      const what = id === '*' ? '这条 kefu-lint-disable-next-line 注释' : `kefu-lint-disable-next-line 注释中的「${id}」`;
      kept.push({
        ruleId: 'unused-disable',
        severity: 'warning',
        start: positions.offset(comment.line, comment.column),
        end: positions.offset(comment.line, comment.column) + 1,
        reason: `${what}没有屏蔽任何问题（第 ${comment.targetLine} 行没有${id === '*' ? '' : '该规则的'}发现）。请删除它，或检查规则 id 与位置是否正确。`,
        line: comment.line,
        column: comment.column,
        endLine: comment.line,
        endColumn: comment.column + 1,
        actual: id === '*' ? 'kefu-lint-disable-next-line' : id,
        expected: [],
        url: '',
      });
    }
  });
  return kept.sort((a, b) => a.line - b.line || a.column - b.column);
}
